import { useEffect, useState } from 'preact/hooks'

import type { RpcClient } from '../rpc'

/** Object URLs of small exports of the given nodes, revoked when they change. */
export function useThumbnails(rpc: RpcClient, nodeIds: readonly string[]): Map<string, string> {
  const [urls, setUrls] = useState(new Map<string, string>())
  const key = nodeIds.join(',')
  useEffect(() => {
    if (nodeIds.length === 0) {
      setUrls(new Map())
      return
    }
    let live = true
    const made: string[] = []
    rpc
      .call('exportReferences', { nodeIds: [...nodeIds], purpose: 'thumbnail' })
      .then(({ images }) => {
        const next = new Map<string, string>()
        for (const image of images) {
          const url = URL.createObjectURL(
            new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mimeType })
          )
          made.push(url)
          next.set(image.nodeId, url)
        }
        if (live) setUrls(next)
      })
      .catch(() => {
        // A missing thumbnail is cosmetic; the export for generating reports real problems.
      })
    return () => {
      live = false
      made.forEach((url) => {
        URL.revokeObjectURL(url)
      })
    }
  }, [rpc, key])
  return urls
}
