import type { MethodName, MethodParams, MethodResult } from '../../protocol/messages'
import { RpcError } from '../../protocol/rpc-error'
import type { RpcClient } from '../../ui/rpc'

type Handler = (params: unknown) => Promise<unknown>

/** An RpcClient whose methods the test answers; every call is recorded by method name. */
export function fakeRpc(handlers: Partial<Record<MethodName, Handler>>) {
  const calls: { method: MethodName; params: unknown; signal?: AbortSignal }[] = []
  const rpc: RpcClient = {
    call<M extends MethodName>(
      method: M,
      params: MethodParams<M>,
      options?: { signal?: AbortSignal }
    ): Promise<MethodResult<M>> {
      const signal = options?.signal
      calls.push({ method, params, signal })
      const handler = handlers[method]
      if (handler === undefined) return Promise.reject(new Error(`Unexpected call ${method}.`))
      const answer = handler(params) as Promise<MethodResult<M>>
      if (signal === undefined) return answer
      // As the real client does: an aborted signal rejects the call at once.
      const cancelled = () => new RpcError('cancelled', 'Cancelled before Figma answered.')
      if (signal.aborted) return Promise.reject(cancelled())
      return new Promise((resolve, reject) => {
        signal.addEventListener(
          'abort',
          () => {
            reject(cancelled())
          },
          { once: true }
        )
        answer.then(resolve, reject)
      })
    },
    on: () => () => undefined,
    dispose: () => undefined,
  }
  return { rpc, calls }
}

/** A promise the test settles by hand, so nothing depends on timing. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** `promise`'s value, or 'pending' when it has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([
    promise,
    new Promise<'pending'>((resolve) => {
      setTimeout(() => {
        resolve('pending')
      }, ms)
    }),
  ])
}

/** An export answer for the given nodes: one tiny PNG each. */
export function exportedImages(nodeIds: readonly string[]) {
  return {
    images: nodeIds.map((nodeId) => ({
      nodeId,
      name: nodeId,
      mimeType: 'image/png' as const,
      bytes: new Uint8Array([1, 2, 3]),
      width: 1,
      height: 1,
    })),
    failures: [],
  }
}
