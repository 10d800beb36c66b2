import type { Transport } from '../protocol/rpc-error'

/** The real transport inside Figma's iframe: `parent.postMessage({ pluginMessage })`. */
export function createWindowTransport(target: Window = window): Transport {
  return {
    send(message) {
      target.parent.postMessage({ pluginMessage: message }, '*')
    },
    subscribe(listener) {
      const onMessage = (event: MessageEvent<unknown>): void => {
        const data = event.data
        if (typeof data === 'object' && data !== null && 'pluginMessage' in data) {
          listener(data.pluginMessage)
        }
      }
      target.addEventListener('message', onMessage)
      return () => {
        target.removeEventListener('message', onMessage)
      }
    },
  }
}
