import { describe, expect, it } from 'vitest'

import { BusErrorCodeSchema } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import { exportAsReferences, fromBus } from '../../ui/generate/export-as-references'
import { fakeRpc } from './fake-rpc'

describe("main's failures keep their code", () => {
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
