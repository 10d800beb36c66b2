import { describe, expect, it } from 'vitest'
import { parseDirectives, stripDirectives } from '../../../server/simulator/parse-directives'

describe('parseDirectives', () => {
  it('reads every directive across text parts', () => {
    expect(
      parseDirectives(['a cat [sim:latency=250]', '[sim:fail_once=429] [sim:no_image]'])
    ).toEqual({
      ok: true,
      directives: { latencyMs: 250, failOnce: 429, fault: 'no_image' },
    })
    expect(parseDirectives(['[sim:503]'])).toEqual({ ok: true, directives: { status: 503 } })
  })

  it('rejects unknown names and bad values', () => {
    expect(parseDirectives(['[sim:404]'])).toMatchObject({ ok: false })
    expect(parseDirectives(['[sim:latency=soon]'])).toMatchObject({ ok: false })
    expect(parseDirectives(['[sim:fail_once=400]'])).toMatchObject({ ok: false })
    expect(parseDirectives(['[sim:timeout=5]'])).toMatchObject({ ok: false })
  })

  it('leaves prompts without directives alone', () => {
    expect(parseDirectives(['a [simple] cat'])).toEqual({ ok: true, directives: {} })
    expect(stripDirectives('a cat [sim:429]  on a mat')).toBe('a cat on a mat')
  })
})
