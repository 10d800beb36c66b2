import { useState } from 'preact/hooks'

import type { HistoryItem } from '../../protocol/history'
import { copyText } from '../history/copy-text'
import { lineageDepth, resultDetails } from '../history/result-details'
import { useHistory } from '../hooks/use-history'
import type { RpcClient } from '../rpc'

const ORIGIN: Record<string, string> = {
  create: 'Create',
  edit: 'Edit',
  iterate: 'Iterate',
  batch: 'Batch',
  quick: 'Quick action',
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

function meta(item: HistoryItem): string {
  const { entry } = item
  const parts = [entry.model, ORIGIN[entry.origin ?? ''] ?? 'Generated']
  if (entry.batch !== undefined) {
    parts.push(`batch ${String(entry.batch.index + 1)} of ${String(entry.batch.count)}`)
  }
  const depth = lineageDepth(item)
  if (depth > 1) parts.push(`step ${String(depth)}`)
  return parts.join(' · ')
}

/** Every Peel result in the file, newest first; click to select and zoom, or copy its details. */
export function HistoryView({ rpc, onClose }: { rpc: RpcClient; onClose: () => void }) {
  const { list, error, reload } = useHistory(rpc)
  const [status, setStatus] = useState<{ text: string; details?: string }>()
  const focus = (item: HistoryItem): void => {
    rpc.call('focusResult', { nodeId: item.nodeId }).then(
      () => {
        setStatus(undefined)
      },
      (e: unknown) => {
        setStatus({ text: e instanceof Error ? e.message : String(e) })
        reload()
      }
    )
  }
  const copy = async (item: HistoryItem): Promise<void> => {
    const details = resultDetails(item)
    const copied = await copyText(details)
    setStatus(
      copied
        ? { text: `Copied the details of “${item.name}”.` }
        : { text: 'Figma blocked the clipboard. Select the text below and copy it.', details }
    )
  }
  return (
    <section class="history" aria-label="History">
      <div class="row spread">
        <h2 tabIndex={-1}>History {list === undefined ? '' : `(${String(list.items.length)})`}</h2>
        <div class="row">
          <button type="button" class="secondary" onClick={reload}>
            Refresh
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
      {error === undefined ? null : (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      {list?.notices.map((n) => (
        <p class="notice" key={n}>
          {n}
        </p>
      ))}
      {status === undefined ? null : (
        <p class="muted" role="status" data-testid="history-status">
          {status.text}
        </p>
      )}
      {status?.details === undefined ? null : (
        <textarea readOnly rows={8} value={status.details} aria-label="Result details" />
      )}
      {list?.items.length === 0 ? (
        <p class="muted">No Peel results in this file yet. Generate one and it appears here.</p>
      ) : null}
      <ol class="history-items">
        {list?.items.map((item) => (
          <li key={item.nodeId} data-testid="history-item" data-node-id={item.nodeId}>
            <button
              type="button"
              class="history-open"
              aria-label={`Select “${item.name}” on ${item.pageName}`}
              title={item.entry.prompt}
              onClick={() => {
                focus(item)
              }}
            >
              <span class="history-prompt">{item.entry.prompt}</span>
              <span class="muted">{meta(item)}</span>
              <span class="muted">
                {when(item.entry.createdAt)} · {item.pageName}
              </span>
            </button>
            <button
              type="button"
              class="secondary"
              aria-label={`Copy details of “${item.name}”`}
              onClick={() => void copy(item)}
            >
              Copy details
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
