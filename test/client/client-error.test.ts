import { describe, expect, it } from 'vitest'

import { createApiClient } from '../../client/api-client'
import { ERROR_STATUS, type ErrorCode, ErrorCodeSchema } from '../../protocol/errors'
import { jsonResponse } from './fake-replies'

/** A client whose server answers every request with a Peel error envelope for `code`. */
function failingWith(code: ErrorCode) {
  const envelope = { error: { code, message: `Server says ${code}.`, requestId: `r-${code}` } }
  return createApiClient({
    baseUrl: 'http://peel.test',
    token: '',
    geminiKey: '',
    fetch: () => Promise.resolve(jsonResponse(envelope, ERROR_STATUS[code])),
  })
}

describe('server failures keep their code', () => {
  it('for every server code, on a plain call', async () => {
    for (const code of ErrorCodeSchema.options) {
      const result = await failingWith(code).models()
      expect(result, code).toEqual({
        ok: false,
        error: { code, message: `Server says ${code}.`, requestId: `r-${code}` },
      })
    }
  })

  it('for every server code, on a streamed generation', async () => {
    for (const code of ErrorCodeSchema.options) {
      const result = await failingWith(code).generateStream({ prompt: 'a kite' }, { tries: 1 })
      expect(result, code).toMatchObject({ ok: false, error: { code } })
    }
  })
})
