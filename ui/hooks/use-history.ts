import { useCallback, useEffect, useState } from 'preact/hooks'

import type { HistoryList } from '../../protocol/history'
import type { RpcClient } from '../rpc'

/** Listing a large file loads every page: give it longer than an ordinary call. */
const LIST_TIMEOUT_MS = 60_000

/** The file's results, re-read on open, on every selection change and on demand. */
export function useHistory(rpc: RpcClient) {
  const [list, setList] = useState<HistoryList>()
  const [error, setError] = useState<string>()
  const reload = useCallback(() => {
    rpc.call('listHistory', {}, { timeoutMs: LIST_TIMEOUT_MS }).then(
      (next) => {
        setList(next)
        setError(undefined)
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e))
      }
    )
  }, [rpc])
  useEffect(() => {
    reload()
    return rpc.on('selectionChanged', reload)
  }, [rpc, reload])
  return { list, error, reload }
}
