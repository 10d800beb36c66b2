/**
 * @module
 * The harness page: the built ui.html in a sandboxed iframe (origin `null`, as in Figma), main in a
 * Worker, and postMessage relayed between them the way Figma does.
 */
const frame = document.getElementById('ui') as HTMLIFrameElement
const worker = new Worker('/worker.js')
const waiting = new Map<string, (value: unknown) => void>()

window.addEventListener('message', (event: MessageEvent<{ pluginMessage?: unknown }>) => {
  if (event.source !== frame.contentWindow || event.data.pluginMessage === undefined) return
  worker.postMessage({ to: 'main', msg: event.data.pluginMessage })
})

worker.onmessage = (event: MessageEvent<{ to: string; msg?: unknown }>) => {
  const { to, msg } = event.data
  if (to === 'ui') frame.contentWindow?.postMessage({ pluginMessage: msg }, '*')
  else waiting.get(to)?.(msg)
}

function next(kind: string): Promise<unknown> {
  return new Promise((resolve) => waiting.set(kind, resolve))
}

Object.assign(window, {
  harness: {
    async start(setup: Record<string, unknown>, theme: 'light' | 'dark' = 'light') {
      const ready = next('ready')
      worker.postMessage({
        to: 'setup',
        setup: { ...setup, codeUrl: `${location.origin}/code.js` },
      })
      await ready
      const html = await (await fetch('/ui.html')).text()
      // Figma injects its theme variables; the dark set here stands in for that in screenshots.
      const dark =
        '<style>:root{--figma-color-bg:#2c2c2c;--figma-color-bg-secondary:#383838;--figma-color-text:#ffffff;--figma-color-text-secondary:#b3b3b3;--figma-color-border:#444444;--figma-color-bg-danger-tertiary:#4d2620;--figma-color-text-danger:#ff8e7a}</style>'
      const themed = html.replace('<html lang="en">', `<html lang="en" class="figma-${theme}">`)
      frame.srcdoc = theme === 'dark' ? themed.replace('</head>', `${dark}</head>`) : themed
      await new Promise((resolve) => {
        frame.addEventListener('load', resolve, { once: true })
      })
    },
    snapshot() {
      const result = next('snapshot')
      worker.postMessage({ to: 'snapshot' })
      return result
    },
    act(action: string, ids: string[], name?: string) {
      const done = next('acted')
      worker.postMessage({ to: 'act', msg: { action, ids, name } })
      return done
    },
    /** Closes the panel as the user would, while main keeps running. */
    closeUi() {
      frame.remove()
    },
  },
})
