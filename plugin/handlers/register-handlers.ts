import type { FigmaPort } from '../figma/port'
import type { RpcServer } from '../rpc'
import { summarizeSelection } from '../selection/summarize-selection'
import { exportReferences } from './export-references'
import { focusResult } from './focus-result'
import { keepResult } from './keep-result'
import { listHistory } from './list-history'
import { placeResult } from './place-result'
import { readConversation } from './read-conversation'
import { getSettings, saveSettings } from './settings'
import { getStyleKit, pinStyle, unpinStyle } from './style-kit'

/** Wires every bus method to its handler. */
export function registerHandlers(server: RpcServer, port: FigmaPort): void {
  server.handle('getSelection', () => summarizeSelection(port.currentPage.selection))
  server.handle('exportReferences', (params, cancellation) =>
    exportReferences(port, params, cancellation)
  )
  server.handle('placeResult', (params) => placeResult(port, params))
  server.handle('keepResult', (params) => keepResult(port, params))
  server.handle('getSettings', () => getSettings(port))
  server.handle('saveSettings', (params) => saveSettings(port, params))
  server.handle('readConversation', (params) => readConversation(port, params))
  server.handle('listHistory', () => listHistory(port))
  server.handle('focusResult', (params) => focusResult(port, params))
  server.handle('getStyleKit', () => getStyleKit(port))
  server.handle('pinStyle', (params) => pinStyle(port, params))
  server.handle('unpinStyle', (params) => unpinStyle(port, params))
}
