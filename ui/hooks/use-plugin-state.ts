import { useCallback, useEffect, useState } from 'preact/hooks'

import type { SelectionSummary } from '../../protocol/messages'
import type { StoredSettings } from '../../protocol/settings'
import type { RpcClient } from '../rpc'

const EMPTY: SelectionSummary = { mode: 'create', nodes: [], notices: [] }

/** The selection summary and saved settings, both held by main. */
export function usePluginState(rpc: RpcClient, defaults: StoredSettings) {
  const [summary, setSummary] = useState<SelectionSummary>(EMPTY)
  const [settings, setSettings] = useState<StoredSettings>()
  const [notice, setNotice] = useState<string>()

  useEffect(() => {
    const off = rpc.on('selectionChanged', setSummary)
    rpc.call('getSelection', {}).then(setSummary, (e: unknown) => {
      setNotice(e instanceof Error ? e.message : String(e))
    })
    rpc.call('getSettings', {}).then(
      (read) => {
        setSettings(read.settings ?? defaults)
        if (read.notice !== undefined) setNotice(read.notice)
      },
      (e: unknown) => {
        setSettings(defaults)
        setNotice(e instanceof Error ? e.message : String(e))
      }
    )
    return off
  }, [rpc, defaults])

  // Rejects when main could not save, for the settings panel to say so where the user is.
  const save = useCallback(
    async (next: StoredSettings) => {
      setSettings(await rpc.call('saveSettings', next))
      setNotice(undefined)
    },
    [rpc]
  )

  // Figma may not report selection changes made by the plugin itself, so ask after placing.
  const refresh = useCallback(() => {
    rpc.call('getSelection', {}).then(setSummary, () => undefined)
  }, [rpc])

  return { summary, settings, notice, save, refresh }
}
