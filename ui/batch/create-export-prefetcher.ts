import { exportAsReferences, type Exported } from '../generate/export-as-references'
import type { RpcClient } from '../rpc'
import type { BatchPlan } from './run-batch-item'

/**
 * Exports a batch's frames ahead of their generations. Main exports one node at a time, so
 * exporting inside each slot would leave the server idle between waves; here the next `lookahead`
 * frames are exported while the current ones generate, and the style references are exported
 * once for the whole batch. A frame asked for again (a retry) is exported afresh.
 */
export function createExportPrefetcher(rpc: RpcClient, plan: BatchPlan, lookahead: number) {
  let styles: Promise<Exported> | undefined
  const ahead = new Map<number, Promise<Exported>>()
  const used = new Set<number>()
  let queue: Promise<unknown> = Promise.resolve()

  function exportTarget(index: number): Promise<Exported> {
    const target = plan.targets[index]
    if (target === undefined) throw new RangeError(`No batch item ${String(index)}`)
    const next = queue.then(() =>
      exportAsReferences(rpc, [{ nodeId: target.nodeId, role: 'subject' }])
    )
    queue = next.catch(() => undefined)
    return next
  }

  return {
    /** The subject and style references for item `index`, in that order. */
    async get(index: number): Promise<Exported> {
      styles ??= exportAsReferences(
        rpc,
        plan.styles.map((s) => ({ nodeId: s.nodeId, role: 'style' as const }))
      )
      const mine = used.has(index) ? exportTarget(index) : (ahead.get(index) ?? exportTarget(index))
      ahead.delete(index)
      used.add(index)
      for (let j = index + 1; j <= index + lookahead && j < plan.targets.length; j++) {
        if (!used.has(j) && !ahead.has(j)) ahead.set(j, exportTarget(j))
      }
      const [subject, style] = await Promise.all([mine, styles])
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
