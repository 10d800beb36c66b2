import { describe, expect, it } from 'vitest'

import { nextStep as clientNextStep } from '../../client/next-step'
import { ErrorCodeSchema } from '../../protocol/errors'
import { BusErrorCodeSchema } from '../../protocol/messages'
import { nextStep, type PanelErrorCode } from '../../ui/next-step'

const CLIENT_ONLY = ['network', 'timeout', 'aborted', 'bad_reply'] as const
const EVERY_CODE: readonly PanelErrorCode[] = [
  ...new Set([...ErrorCodeSchema.options, ...BusErrorCodeSchema.options, ...CLIENT_ONLY]),
]

describe('nextStep in the panel', () => {
  it('gives every code, main’s included, a sentence of its own', () => {
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

  it("says what the client says for the server's and the client's codes", () => {
    for (const code of [...ErrorCodeSchema.options, ...CLIENT_ONLY]) {
      expect(nextStep(code), code).toBe(clientNextStep(code))
    }
  })

  it("names what to do for main's own codes", () => {
    expect(nextStep('node_not_found')).toMatch(/Undo in Figma/)
    expect(nextStep('style_kit_full')).toMatch(/Unpin/)
  })
})
