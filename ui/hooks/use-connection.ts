import { useCallback, useEffect, useState } from 'preact/hooks'

import type { ApiClient, ClientError } from '../../client/api-client'
import type { ModelInfo } from '../../protocol/api'

// A function call, so TypeScript does not assume `aborted` stays what an earlier check saw.
const isAborted = (signal: AbortSignal): boolean => signal.aborted

export type ConnectionState =
  | { status: 'checking' }
  | { status: 'online' | 'simulator'; version: string }
  | { status: 'offline'; error: ClientError }

/** Health and the model catalogue of the configured server, re-checked on demand. */
export function useConnection(api: ApiClient | undefined): {
  connection: ConnectionState
  models: ModelInfo[]
  modelsError: ClientError | undefined
  check: () => void
} {
  const [connection, setConnection] = useState<ConnectionState>({ status: 'checking' })
  const [models, setModels] = useState<ModelInfo[]>([])
  const [modelsError, setModelsError] = useState<ClientError>()
  const [round, setRound] = useState(0)
  const check = useCallback(() => {
    setRound((n) => n + 1)
  }, [])

  useEffect(() => {
    if (api === undefined) return
    const controller = new AbortController()
    setConnection({ status: 'checking' })
    void (async () => {
      const health = await api.health({ signal: controller.signal })
      if (controller.signal.aborted) return
      if (!health.ok) {
        setConnection({ status: 'offline', error: health.error })
        return
      }
      const mode = health.data.mode === 'simulator' ? 'simulator' : 'online'
      setConnection({ status: mode, version: health.data.version })
      const catalogue = await api.models({ signal: controller.signal })
      if (isAborted(controller.signal)) return
      if (catalogue.ok) {
        setModels(catalogue.data.models)
        setModelsError(undefined)
      } else setModelsError(catalogue.error)
    })()
    return () => {
      controller.abort()
    }
  }, [api, round])

  return { connection, models, modelsError, check }
}
