import { describe, expect, it } from 'vitest'

import { base64ToBytes, bytesToBase64, DAMAGED_IMAGE_MESSAGE } from '../../client/base64'

describe('base64ToBytes', () => {
  it('round-trips bytes', () => {
    const bytes = new Uint8Array([0, 1, 254, 255])
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes)
  })

  it('says the reply was damaged instead of the browser’s own error', () => {
    expect(() => base64ToBytes('%%not base64%%')).toThrow(DAMAGED_IMAGE_MESSAGE)
  })
})
