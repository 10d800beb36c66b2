import type { MethodResult } from '../../protocol/messages'
import {
  SETTINGS_STORAGE_KEY,
  type StoredSettings,
  StoredSettingsSchema,
} from '../../protocol/settings'
import type { FigmaPort } from '../figma/port'

/** Reads saved settings; what comes back from storage is validated like any other input. */
export async function getSettings(port: FigmaPort): Promise<MethodResult<'getSettings'>> {
  const raw: unknown = await port.clientStorage.getAsync(SETTINGS_STORAGE_KEY)
  if (raw === undefined) return { settings: null }
  const parsed = StoredSettingsSchema.safeParse(raw)
  if (parsed.success) return { settings: parsed.data }
  return {
    settings: null,
    notice: 'Your saved Peel settings could not be read. Enter them again in Settings.',
  }
}

/** Saves settings. The token and key are secrets: they are stored, never logged. */
export async function saveSettings(
  port: FigmaPort,
  settings: StoredSettings
): Promise<StoredSettings> {
  await port.clientStorage.setAsync(SETTINGS_STORAGE_KEY, settings)
  return settings
}
