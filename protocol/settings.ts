/**
 * @module
 * The user's connection settings, stored with `figma.clientStorage` through main.
 */
import { z } from 'zod'

/** Settings as saved. The token and own key are secrets: never log them. */
export const StoredSettingsSchema = z.object({
  // A regex, not z.url(): z.url() needs the URL global, which Figma's main thread lacks (the e2e
  // harness removes it and caught this).
  serverUrl: z
    .string()
    .trim()
    .regex(
      /^https?:\/\/[a-z0-9.\-[\]:]+(:\d+)?(\/\S*)?$/i,
      'Enter the server address as an http(s) URL.'
    ),
  token: z.string().trim().max(500, 'The access token is too long; paste it again.'),
  geminiKey: z.string().trim().max(200, 'The Gemini key is too long; paste it again.'),
})
export type StoredSettings = z.infer<typeof StoredSettingsSchema>

/** The clientStorage key the settings live under. */
export const SETTINGS_STORAGE_KEY = 'peel.settings.v1'
