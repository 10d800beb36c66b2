import { describe, expect, it } from 'vitest'

import { type ClientErrorCode, type ClientOnlyCode, nextStep } from '../../client/next-step'
import { ErrorCodeSchema } from '../../protocol/errors'

const CLIENT_ONLY: readonly ClientOnlyCode[] = ['network', 'timeout', 'aborted', 'bad_reply']
const EVERY_CODE: readonly ClientErrorCode[] = [...ErrorCodeSchema.options, ...CLIENT_ONLY]

describe('nextStep', () => {
  it('gives every server and client code a sentence of its own', () => {
    const steps = EVERY_CODE.map((code) => nextStep(code))
    for (const step of steps) expect(step).toMatch(/^[A-Z].+\.$/)
    expect(new Set(steps).size).toBe(EVERY_CODE.length)
  })

  it('does not fall back to the internal step for any other code', () => {
    const internal = nextStep('internal')
    for (const code of EVERY_CODE.filter((c) => c !== 'internal')) {
      expect(nextStep(code), code).not.toBe(internal)
    }
  })

  it('names what to check for the codes that point at Settings', () => {
    expect(nextStep('unauthorized')).toMatch(/access token/)
    expect(nextStep('network')).toMatch(/server is running/)
    expect(nextStep('bad_reply')).toMatch(/address in Settings/)
  })
})
