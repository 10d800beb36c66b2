/**
 * @module
 * How this run of the plugin started, for the UI to ask: the panel, or the command palette's
 * *Peel → Generate* with a prompt. The prompt arrives with Figma's `run` event, which may come
 * after the UI's first question, so the answer waits for it (briefly: older hosts without the
 * event fall back to `figma.command`).
 */
import { type Launch, QUICK_COMMAND } from '../../protocol/launch'

/** Longer than the gap between loading main and the `run` event, short enough to go unnoticed. */
export const RUN_EVENT_WAIT_MS = 2_000

/** What a quick action says when it closes the plugin; Figma shows about 100 characters. */
export const NOTIFY_MAX = 100

function clip(text: string): string {
  return text.length <= NOTIFY_MAX ? text : `${text.slice(0, NOTIFY_MAX - 1).trimEnd()}…`
}

export interface LaunchHost {
  command: string
  ui: Pick<UIAPI, 'show'>
  closePlugin(message?: string): void
}

/** Tracks the launch; `onRun` is wired to `figma.on('run')`. */
export function createLaunch(host: LaunchHost) {
  let settle: (launch: Launch) => void = () => undefined
  const ran = new Promise<Launch>((resolve) => {
    settle = resolve
  })
  const decide = (command: string, prompt: unknown): Launch => {
    if (command !== QUICK_COMMAND) return { kind: 'panel' }
    if (typeof prompt === 'string' && prompt.trim() !== '') {
      return { kind: 'quick', prompt: prompt.trim().slice(0, 20_000) }
    }
    // The quick command without a prompt cannot run hidden: show the panel instead.
    host.ui.show()
    return { kind: 'panel' }
  }
  return {
    onRun(event: RunEvent): void {
      settle(decide(event.command, event.parameters?.prompt))
    },
    get(): Promise<Launch> {
      const late = new Promise<Launch>((resolve) =>
        setTimeout(() => {
          resolve(decide(host.command, undefined))
        }, RUN_EVENT_WAIT_MS)
      )
      return Promise.race([ran, late])
    },
    /**
     * Ends a quick action. The message goes through `closePlugin(message)`, which Figma shows as a
     * notification after closing; a `figma.notify` toast would be dismissed by the close itself.
     */
    finish(params: { message: string; error: boolean }): Record<string, never> {
      host.closePlugin(clip(params.message))
      return {}
    },
  }
}
