import { CANCELLED } from '../../client/client-error'
import { exportAsReferences, type Exported } from '../generate/export-as-references'
import type { RpcClient } from '../rpc'
import type { BatchPlan } from './batch-plan'

const cancelled: Exported = { ok: false, error: CANCELLED }

/**
 * Exports a batch's frames ahead of their generations. Main exports one node at a time, so
 * exporting inside each slot would leave the server idle between waves; here the next `lookahead`
 * frames are exported while the current ones generate, and the style references are exported
 * once for the whole batch. A frame asked for again (a retry) is exported afresh. Once the batch's
 * signal (the batch's) aborts, exports still queued are skipped and main stops the one under way.
 */
export function createExportPrefetcher(rpc: RpcClient, plan: BatchPlan, lookahead: number) {
  let styles: Promise<Exported> | undefined
  const ahead = new Map<number, Promise<Exported>>()
  const used = new Set<number>()
  let queue: Promise<unknown> = Promise.resolve()

  function exportTarget(index: number, signal: AbortSignal | undefined): Promise<Exported> {
    const target = plan.targets[index]
    if (target === undefined) throw new RangeError(`No batch item ${String(index)}`)
    const next = queue.then(() =>
      signal?.aborted === true
        ? cancelled
        : exportAsReferences(rpc, [{ nodeId: target.nodeId, role: 'subject' }], signal)
    )
    queue = next.catch(() => undefined)
    return next
  }

  return {
    /** The subject and style references for item `index`, in that order. */
    async get(index: number, signal?: AbortSignal): Promise<Exported> {
      if (signal?.aborted === true) return cancelled
      styles ??= exportAsReferences(
        rpc,
        plan.styles.map((s) => ({ nodeId: s.nodeId, role: 'style' as const })),
        signal
      )
      const mine = used.has(index)
        ? exportTarget(index, signal)
        : (ahead.get(index) ?? exportTarget(index, signal))
      ahead.delete(index)
      used.add(index)
      for (let j = index + 1; j <= index + lookahead && j < plan.targets.length; j++) {
        if (!used.has(j) && !ahead.has(j)) ahead.set(j, exportTarget(j, signal))
      }
      // Rejects the moment the signal aborts: every export here was asked for with it.
      const [subject, style] = await Promise.all([mine, styles]).catch((error: unknown) => {
        if (signal?.aborted === true) return [cancelled, cancelled]
        throw error
      })
      if (!subject.ok) return subject
      if (!style.ok) return style
      return {
        ok: true,
        references: [...subject.references, ...style.references],
        identities: [...subject.identities, ...style.identities],
      }
    },
  }
}
