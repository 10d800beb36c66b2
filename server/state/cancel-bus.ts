/**
 * @module
 * How a `DELETE /v1/generations/{id or key}` reaches the Peel instance that runs the generation
 * when several share `REDIS_URL` (`RedisCancelBus`). A single instance needs none: its cancels
 * are local.
 */

/** A generation and the instance running it. */
export interface Running {
  instance: string
  id: string
}

/** What to cancel: keys and ids scoped to their owner (`owner\0key`, `owner\0id`). */
export interface CancelTarget {
  key?: string
  id?: string
}

export interface CancelBus {
  /**
   * Makes the running generation `id` findable by `owner` from every instance, so a cancel by id
   * reaches it wherever it runs; call the returned function when it ends. Fire and forget: a
   * failure is logged and only costs cross-instance cancels by id.
   */
  announce(owner: string, id: string): () => void
  /**
   * Asks the instance running a generation to cancel it: the one holding `target.key` (scoped
   * Idempotency-Key) if any, else the one that announced `target.id` (scoped id). Resolves with
   * that instance and generation, or `undefined` when no instance runs either. `waiting` is how
   * many callers wait for it on this instance; the holder decides (see `onCancel`).
   */
  requestCancel(target: CancelTarget, waiting: number): Promise<Running | undefined>
  /**
   * Called for each cancel request for a generation this instance runs, with how many callers
   * wait for it on the requesting instance.
   */
  onCancel(listener: (id: string, waitingElsewhere: number) => void): void
  close(): Promise<void>
}
