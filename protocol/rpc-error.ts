import type { BusErrorCode } from './messages'

/** A bus failure with a code to switch on and a sentence for the user; thrown on both ends. */
export class RpcError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'RpcError'
  }
}

/** Both ends of the bus speak through this: send one message, hear every message. */
export interface Transport {
  send(message: unknown): void
  /** Returns a function that stops listening. */
  subscribe(listener: (message: unknown) => void): () => void
}
