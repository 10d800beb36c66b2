import { describe, expect, it } from 'vitest'

import { ERROR_STATUS, type ErrorCode, ErrorCodeSchema } from '../../protocol/errors'
import { BusErrorCodeSchema } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import { createApiClient } from '../../ui/api-client'
import { exportAsReferences, fromBus } from '../../ui/generate/export-as-references'
import { fakeRpc } from './fake-rpc'
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

describe('failures keep their code', () => {
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

  it("for every one of main's codes but cancelled, which is the user's Cancel", () => {
    for (const code of BusErrorCodeSchema.options) {
      const error = fromBus(new RpcError(code, `Main says ${code}.`))
      expect(error, code).toEqual(
        code === 'cancelled'
          ? { code: 'aborted', message: 'Cancelled.' }
          : { code, message: `Main says ${code}.` }
      )
    }
    expect(fromBus(new TypeError('x is undefined'))).toEqual({
      code: 'internal',
      message: 'x is undefined',
    })
  })

  it('for a layer that could not be exported', async () => {
    const message =
      'Figma could not export “Card”. Select a frame, group, component or image instead.'
    const { rpc } = fakeRpc({
      exportReferences: () =>
        Promise.resolve({ images: [], failures: [{ nodeId: 'n1', name: 'Card', message }] }),
    })
    const exported = await exportAsReferences(rpc, [{ nodeId: 'n1', role: 'subject' }])
    expect(exported).toEqual({ ok: false, error: { code: 'export_failed', message } })
  })
})
