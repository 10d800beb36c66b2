/**
 * @module
 * Reads a request body with a size limit, two deadlines and a memory budget charged by the bytes
 * that have really arrived, so slow or stalled uploads can neither hold memory they have not
 * sent nor keep a reader (and its share of the budget) forever.
 */
import { bodyTimedOut, ClientClosedError, tooLarge } from '../errors'

export interface BodyLimits {
  maxBytes: number
  /** The longest wait for the next byte. */
  idleMs: number
  /** The longest the whole body may take to arrive. */
  totalMs: number
  /**
   * Takes `bytes` from the in-flight budget once they have arrived, waiting while it is full (the
   * rest of the body then waits in the socket). The request gives them back when it is done.
   */
  charge?: (bytes: number, signal: AbortSignal) => Promise<void>
}

const TIMED_OUT = Symbol('timed out')

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, ms), TIMED_OUT)
  })
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer)
  })
}

/** The whole body as one buffer, or an `AppError` (413, 408) or `ClientClosedError`. */
export async function readBody(request: Request, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > limits.maxBytes) throw tooLarge(limits.maxBytes)
  if (request.body === null) return Buffer.alloc(0)
  const reader: ReadableStreamDefaultReader<Uint8Array> = request.body.getReader()
  const deadline = Date.now() + limits.totalMs
  // Budget waits end with the request's deadline or the client; the socket read has its own.
  const waitSignal = AbortSignal.any([request.signal, AbortSignal.timeout(limits.totalMs)])
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const left = deadline - Date.now()
    const next = await within(reader.read(), Math.min(limits.idleMs, left)).catch((): never => {
      throw new ClientClosedError('The client left while sending its request.')
    })
    if (next === TIMED_OUT) {
      throw bodyTimedOut(
        left <= limits.idleMs ? 'total' : 'idle',
        left <= limits.idleMs ? limits.totalMs : limits.idleMs
      )
    }
    if (next.done) break
    size += next.value.byteLength
    if (size > limits.maxBytes) throw tooLarge(limits.maxBytes)
    if (limits.charge !== undefined) {
      await limits.charge(next.value.byteLength, waitSignal).catch(() => {
        if (request.signal.aborted)
          throw new ClientClosedError('The client left while sending its request.')
        throw bodyTimedOut('total', limits.totalMs)
      })
    }
    chunks.push(next.value)
  }
  return Buffer.concat(chunks, size)
}
