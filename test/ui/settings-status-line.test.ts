import { describe, expect, it } from 'vitest'

import { statusLine } from '../../ui/components/settings-panel'

describe('statusLine', () => {
  it('says what went wrong and what to do when offline', () => {
    expect(
      statusLine({
        status: 'offline',
        error: {
          code: 'network',
          message: 'Peel cannot reach the server.',
          nextStep: 'Start it with npm start, then Check connection.',
        },
      })
    ).toBe(
      'Offline — Peel cannot reach the server. Start it with npm start, then Check connection.'
    )
  })

  it('leaves out an empty next step', () => {
    expect(
      statusLine({
        status: 'offline',
        error: { code: 'unauthorized', message: 'Check the token in Settings.', nextStep: '' },
      })
    ).toBe('Offline — Check the token in Settings.')
  })

  it('names the other states in a word', () => {
    expect(statusLine({ status: 'online', version: '1' })).toBe('Online')
    expect(statusLine({ status: 'checking' })).toBe('Checking…')
  })
})
