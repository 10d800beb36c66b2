import { describe, expect, it } from 'vitest'

import { nextStep, repeats } from '../../ui/next-step'

describe('nextStep', () => {
  it('drops advice the server message already gives', () => {
    const blocked =
      'Gemini withheld the image for safety reasons (IMAGE_SAFETY). Rephrase the prompt or change the references and try again.'
    expect(nextStep('content_blocked', blocked)).toBe('')
    expect(
      nextStep('unauthorized', 'The access token was not accepted. Check it in Peel settings.')
    ).toBe('')
    expect(
      nextStep('upstream_unavailable', 'Gemini is overloaded right now. Try again in a minute.')
    ).toBe('')
    expect(
      nextStep('rate_limited', 'Gemini is rate-limiting this key. Wait a moment and try again.')
    ).toBe('')
  })

  it('keeps advice that adds something', () => {
    expect(nextStep('network', 'Peel cannot reach the server at http://127.0.0.1:8787.')).toMatch(
      /Check that the Peel server is running/
    )
    expect(nextStep('unauthorized')).toBe('Check the access token in Settings.')
    expect(
      repeats(
        'The server did not answer within 5 s.',
        'Try again; a smaller size or fewer references is faster.'
      )
    ).toBe(false)
  })
})
