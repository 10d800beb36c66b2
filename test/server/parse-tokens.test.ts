import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import { parseTokens } from '../../server/parse-tokens'

describe('parseTokens', () => {
  it('reads named tokens with limits and an admin flag', () => {
    expect(parseTokens('alice=tok-a;rpm=10;ipd=200, ops=tok-o;admin, tok-bare')).toEqual([
      { name: 'alice', token: 'tok-a', rpm: 10, imagesPerDay: 200, admin: false },
      { name: 'ops', token: 'tok-o', admin: true },
      { name: 'token-3', token: 'tok-bare', admin: false },
    ])
    expect(parseTokens(undefined)).toEqual([])
  })

  it('names the bad entry without echoing any token', () => {
    const attempt = () => loadConfig({ PEEL_TOKENS: 'alice=sekrit-1;rpm=ten' })
    expect(attempt).toThrow(/PEEL_TOKENS: rpm for "alice" must be a whole number/)
    expect(attempt).not.toThrow(/sekrit-1/)
    expect(() => parseTokens('a=x;burst=3')).toThrow(/unknown option "burst"/)
    expect(() => parseTokens('a=x, a=y')).toThrow(/unique/)
  })
})
