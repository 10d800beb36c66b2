import { useState } from 'preact/hooks'

import { type StoredSettings, StoredSettingsSchema } from '../../protocol/settings'

/**
 * The settings being edited, and their save: checked with the schema, then handed to `onSave`.
 * What went wrong stays here, where the user can try again, not on the main view behind.
 */
export function useSettingsDraft(
  settings: StoredSettings,
  onSave: (settings: StoredSettings) => Promise<void>
) {
  const [draft, setDraft] = useState(settings)
  const [problem, setProblem] = useState<string>()
  const [saved, setSaved] = useState(false)
  const edit = (next: StoredSettings): void => {
    setDraft(next)
    setSaved(false)
  }
  const save = async (event: Event): Promise<void> => {
    event.preventDefault()
    const parsed = StoredSettingsSchema.safeParse(draft)
    setSaved(false)
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Check the settings.')
      return
    }
    setProblem(undefined)
    try {
      await onSave(parsed.data)
      setSaved(true)
    } catch (e) {
      setProblem(`Your settings were not saved. ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return { draft, edit, problem, saved, save }
}
