/**
 * @module
 * The plugin's main thread: document work only. Network calls happen in the UI iframe, where a
 * fetch can be aborted.
 */
import { focusIterateTarget } from './handlers/focus-iterate-target'
import { registerHandlers } from './handlers/register-handlers'
import { createFigmaTransport } from './figma-transport'
import { createRpcServer } from './rpc'
import { summarizeSelection } from './selection/summarize-selection'

figma.showUI(__html__, { width: 360, height: 640, themeColors: true, title: 'Peel' })

const server = createRpcServer(createFigmaTransport(figma.ui))
registerHandlers(server, figma)
if (figma.command === 'iterate') focusIterateTarget(figma)

const announce = (): void => {
  server.emit('selectionChanged', summarizeSelection(figma.currentPage.selection))
}
figma.on('selectionchange', announce)
figma.on('currentpagechange', announce)
