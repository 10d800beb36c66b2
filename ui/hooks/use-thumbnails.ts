import { useEffect, useState } from 'preact/hooks'

import type { RpcClient } from '../rpc'

/**
 * Exports thumbnails of `nodeIds` and hands their object URLs to `show`; the returned cleanup
 * revokes them. URLs are only made while the load is live: an export that answers after cleanup
 * (the selection moved on) would otherwise leave URLs nobody revokes.
 */
export function loadThumbnails(
  rpc: RpcClient,
  nodeIds: readonly string[],
  show: (urls: Map<string, string>) => void
): () => void {
  let live = true
  const made: string[] = []
  // The selection moved on: main need not finish thumbnails nobody will see.
  const stale = new AbortController()
  rpc
    .call(
      'exportReferences',
      { nodeIds: [...nodeIds], purpose: 'thumbnail' },
      { signal: stale.signal }
    )
    .then(({ images }) => {
      if (!live) return
      const next = new Map<string, string>()
      for (const image of images) {
        const url = URL.createObjectURL(
          new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mimeType })
        )
        made.push(url)
        next.set(image.nodeId, url)
      }
      show(next)
    })
    .catch(() => {
      // A missing thumbnail is cosmetic; the export for generating reports real problems.
    })
  return () => {
    live = false
    stale.abort()
    made.forEach((url) => {
      URL.revokeObjectURL(url)
    })
  }
}

/** Object URLs of small exports of the given nodes, revoked when they change. */
export function useThumbnails(rpc: RpcClient, nodeIds: readonly string[]): Map<string, string> {
  const [urls, setUrls] = useState(new Map<string, string>())
  const key = nodeIds.join(',')
  useEffect(() => {
    if (nodeIds.length === 0) {
      setUrls(new Map())
      return
    }
    return loadThumbnails(rpc, nodeIds, setUrls)
  }, [rpc, key])
  return urls
}
