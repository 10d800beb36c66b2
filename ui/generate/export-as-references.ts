import { bytesToBase64 } from '../../client/base64'
import { CANCELLED } from '../../client/client-error'
import type { ReferenceInput } from '../../protocol/api'
import type { ReferenceIdentity } from '../../protocol/lineage'
import { RpcError } from '../../protocol/rpc-error'
import type { PanelError } from '../panel-error'
import type { RpcClient } from '../rpc'
import { fingerprint } from './fingerprint'

/** Exported references, each with where it came from, in the same order. */
export type Exported =
  | { ok: true; references: ReferenceInput[]; identities: ReferenceIdentity[] }
  | { ok: false; error: PanelError }

/** Export waits longer than other bus calls: several large frames take seconds in Figma. */
export const EXPORT_TIMEOUT_MS = 60_000

/** A bus failure as the panel shows it, with main's own code; anything else is `internal`. */
export function fromBus(error: unknown): PanelError {
  // A call made with an aborted signal: the user's Cancel, not a failure.
  if (error instanceof RpcError && error.code === 'cancelled') return CANCELLED
  if (error instanceof RpcError) return { code: error.code, message: error.message }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

/**
 * Exports the nodes through main and encodes them for the API, each with its role and name. When
 * `signal` aborts, main is told to stop exporting and the call rejects.
 */
export async function exportAsReferences(
  rpc: RpcClient,
  nodes: readonly { nodeId: string; role: 'subject' | 'style' }[],
  signal?: AbortSignal
): Promise<Exported> {
  if (nodes.length === 0) return { ok: true, references: [], identities: [] }
  const roles = new Map(nodes.map((n) => [n.nodeId, n.role]))
  const exported = await rpc.call(
    'exportReferences',
    { nodeIds: nodes.map((n) => n.nodeId), purpose: 'reference' },
    { timeoutMs: EXPORT_TIMEOUT_MS, signal }
  )
  const failure = exported.failures[0]
  if (failure !== undefined) {
    return { ok: false, error: { code: 'export_failed', message: failure.message } }
  }
  return {
    ok: true,
    references: exported.images.map((image) => ({
      mimeType: image.mimeType,
      data: bytesToBase64(image.bytes),
      role: roles.get(image.nodeId) ?? 'subject',
      name: image.name.slice(0, 200),
    })),
    identities: exported.images.map((image) => ({
      nodeId: image.nodeId,
      fingerprint: fingerprint(image.bytes),
    })),
  }
}
