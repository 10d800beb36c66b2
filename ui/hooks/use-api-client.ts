import { useMemo } from 'preact/hooks'

import { type ApiClient, createApiClient } from '../../client/api-client'
import type { StoredSettings } from '../../protocol/settings'

/** A client for the saved server and credentials; none until the settings have loaded. */
export function useApiClient(settings: StoredSettings | undefined): ApiClient | undefined {
  return useMemo(
    () =>
      settings === undefined
        ? undefined
        : createApiClient({
            baseUrl: settings.serverUrl,
            token: settings.token,
            geminiKey: settings.geminiKey,
          }),
    [settings]
  )
}
