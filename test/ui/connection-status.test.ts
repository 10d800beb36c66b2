import { describe, expect, it } from 'vitest'

import { statusLine } from '../../ui/components/connection-status'
import { nextStep } from '../../ui/next-step'

describe('statusLine', () => {
  it("says what went wrong, then the code's next step, when offline", () => {
    expect(
      statusLine({
        status: 'offline',
        error: { code: 'network', message: 'Peel cannot reach the server.' },
      })
    ).toBe(`Offline — Peel cannot reach the server. ${nextStep('network')}`)
  })

  it('keeps the next step even when the message gives advice of its own', () => {
    expect(
      statusLine({
        status: 'offline',
        error: { code: 'unauthorized', message: 'Check the token in Settings.' },
      })
    ).toBe(`Offline — Check the token in Settings. ${nextStep('unauthorized')}`)
  })

  it('names the other states in a word', () => {
    expect(statusLine({ status: 'online', version: '1' })).toBe('Online')
    expect(statusLine({ status: 'checking' })).toBe('Checking…')
  })
})
