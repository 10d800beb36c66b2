import { useCallback, useEffect, useState } from 'preact/hooks'

import type { StyleKit } from '../../protocol/style-kit'
import type { RpcClient } from '../rpc'

const EMPTY: StyleKit = { frames: [], notices: [] }

/**
 * The document's style kit, re-read from main on every selection change (a pinned frame may have
 * been renamed or deleted meanwhile), with pin and unpin. `use` says whether runs send it.
 */
export function useStyleKit(rpc: RpcClient) {
  const [kit, setKit] = useState<StyleKit>(EMPTY)
  const [problem, setProblem] = useState<string>()
  const [use, setUse] = useState(false)
  const apply = useCallback((next: Promise<StyleKit>) => {
    next.then(
      (read) => {
        setKit(read)
        setProblem(undefined)
      },
      (e: unknown) => {
        setProblem(e instanceof Error ? e.message : String(e))
      }
    )
  }, [])
  const reload = useCallback(() => {
    apply(rpc.call('getStyleKit', {}))
  }, [rpc, apply])
  useEffect(() => {
    reload()
    return rpc.on('selectionChanged', reload)
  }, [rpc, reload])
  return {
    kit,
    problem,
    use: use && kit.frames.length > 0,
    setUse,
    pin: (nodeIds: string[]) => {
      apply(rpc.call('pinStyle', { nodeIds }))
      setUse(true)
    },
    unpin: (nodeId: string) => {
      apply(rpc.call('unpinStyle', { nodeId }))
    },
  }
}

export type StyleKitState = ReturnType<typeof useStyleKit>
