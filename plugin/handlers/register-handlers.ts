import type { FigmaPort } from '../figma/port'
import type { RpcServer } from '../rpc'
import { summarizeSelection } from '../selection/summarize-selection'
import { exportReferences } from './export-references'
import { keepResult } from './keep-result'
import { placeResult } from './place-result'
import { getSettings, saveSettings } from './settings'

/** Wires every bus method to its handler. */
export function registerHandlers(server: RpcServer, port: FigmaPort): void {
  server.handle('getSelection', () => summarizeSelection(port.currentPage.selection))
  server.handle('exportReferences', (params) => exportReferences(port, params))
  server.handle('placeResult', (params) => placeResult(port, params))
  server.handle('keepResult', (params) => keepResult(port, params))
  server.handle('getSettings', () => getSettings(port))
  server.handle('saveSettings', (params) => saveSettings(port, params))
}
