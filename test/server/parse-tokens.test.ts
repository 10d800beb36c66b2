import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import { parseTokens } from '../../server/parse-tokens'

// Base64 of 18 and 17 random bytes: one and two "=" of padding.
const PADDED_ONE = 'q83vEjRWeJq83vEjRWeJq83vEjRWeJ0='
const PADDED_TWO = 'ZmFrZS1wZWVsLXRva2VuLTEyMw=='

/** The sentence `loadConfig` refuses `PEEL_TOKENS` with. */
function refusal(tokens: string): string {
  try {
    loadConfig({ PEEL_TOKENS: tokens })
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('PEEL_TOKENS was accepted')
}

describe('parseTokens', () => {
  it('reads name:token entries with limits and an admin flag, and names bare tokens by position', () => {
    expect(
      parseTokens(
        'alice:tok-alice-7Hq2Lm9x;rpm=10;ipd=200, ops:tok-ops-4Rt8Wz1kPq;admin, tok-bare-3Nc6Vb0yTs'
      )
    ).toEqual([
      { name: 'alice', token: 'tok-alice-7Hq2Lm9x', rpm: 10, imagesPerDay: 200, admin: false },
      { name: 'ops', token: 'tok-ops-4Rt8Wz1kPq', admin: true },
      { name: 'token-3', token: 'tok-bare-3Nc6Vb0yTs', admin: false },
    ])
    expect(parseTokens(undefined)).toEqual([])
  })

  it('keeps base64 padding in the token and never takes a name from the secret', () => {
    expect(
      parseTokens(`${PADDED_TWO}, ${PADDED_ONE};rpm=5, design:${PADDED_TWO.slice(0, -2)}`)
    ).toEqual([
      { name: 'token-1', token: PADDED_TWO, admin: false },
      { name: 'token-2', token: PADDED_ONE, rpm: 5, admin: false },
      { name: 'design', token: PADDED_TWO.slice(0, -2), admin: false },
    ])
  })

  it('refuses the old name=token form with a sentence that says how to write it', () => {
    const message = refusal('design=tok_8f2c4b7e1a9d3c6f')
    expect(message).toMatch(
      /PEEL_TOKENS: entry 1 looks like the old name=token form; write name:token/
    )
    expect(message).not.toContain('tok_8f2c4b7e1a9d3c6f')
    expect(message).not.toContain('design')
  })

  it.each([
    ['shorter than 16 characters', 'tok-15-chars-ab', /shorter than 16 characters/],
    [
      'with a space inside',
      'tok-with a-space-0123',
      /whitespace, a control character or a non-ASCII/,
    ],
    [
      'with a tab inside',
      'tok-with\ta-tab-0123456',
      /whitespace, a control character or a non-ASCII/,
    ],
    ['with a control character', 'tok-with-\u0007bell-0123', /whitespace, a control character/],
    ['with a non-ASCII character', 'tok-wïth-umlaut-0123', /non-ASCII/],
    ['with "=" before its end', 'x7w2q5k3y9z0a1b/==/c', /characters it cannot carry/],
    ['with a character a bearer token cannot carry', 'tok-with-@-sign-0123', /cannot carry/],
    ['empty after its name', 'alice:', /no token after its name/],
  ])(
    'refuses a token %s at start, naming PEEL_TOKENS and not the token',
    (_case, token, reason) => {
      const message = refusal(`ok:tok-fine-x7w2q5k3y9z, ${token};rpm=2`)
      expect(message).toMatch(/PEEL_TOKENS: entry 2 /)
      expect(message).toMatch(reason)
      if (token !== 'alice:') expect(message).not.toContain(token)
    }
  )

  it('refuses a name that is not letters, digits, "_", "." or "-"', () => {
    expect(refusal('my name:tok-x7w2q5k3y9z0a1')).toMatch(/entry 1 needs a name of letters/)
    expect(refusal(':tok-x7w2q5k3y9z0a1')).toMatch(/entry 1 needs a name/)
  })

  it('names the bad option without echoing any token', () => {
    const message = refusal('alice:sekrit-x7w2q5k3y9z0;rpm=ten')
    expect(message).toMatch(/PEEL_TOKENS: rpm for "alice" must be a whole number/)
    expect(message).not.toMatch(/sekrit/)
    expect(() => parseTokens('a:tok-x7w2q5k3y9z0a1;burst=3')).toThrow(/unknown option; use rpm/)
    // A ";" pasted inside a secret would make its tail look like an option.
    expect(refusal('tok-x7w2q5k3y9z0a1;tail-of-secret')).not.toContain('tail-of-secret')
  })

  it('wants names and tokens unique', () => {
    expect(() => parseTokens('a:tok-x7w2q5k3y9z0a1, a:tok-y7w2q5k3y9z0a1')).toThrow(
      /names must be unique/
    )
    expect(() => parseTokens('a:tok-x7w2q5k3y9z0a1, b:tok-x7w2q5k3y9z0a1')).toThrow(/same token/)
  })
})
