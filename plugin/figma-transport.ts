import type { Transport } from '../protocol/rpc-error'

/** The real transport in Figma's main thread. */
export function createFigmaTransport(ui: UIAPI): Transport {
  return {
    send(message) {
      ui.postMessage(message)
    },
    subscribe(listener) {
      ui.on('message', listener)
      return () => {
        ui.off('message', listener)
      }
    },
  }
}
