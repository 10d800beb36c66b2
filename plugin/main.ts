/**
 * @module
 * The plugin's main thread: document work only. Network calls happen in the UI iframe, where a
 * fetch can be aborted; that is why even the command palette's quick action opens a UI, hidden.
 */
import { QUICK_COMMAND } from '../protocol/launch'
import { focusIterateTarget } from './handlers/focus-iterate-target'
import { registerHandlers } from './handlers/register-handlers'
import { createFigmaTransport } from './figma-transport'
import { createLaunch } from './launch/create-launch'
import { createRpcServer } from './rpc'
import { summarizeSelection } from './selection/summarize-selection'

// A quick action's code also runs while its prompt is typed, when no UI may open: its hidden UI
// opens on `run`. The prompt is free text, so there is nothing to suggest meanwhile.
const quick = figma.command === QUICK_COMMAND
if (quick) {
  figma.parameters.on('input', ({ result }) => {
    result.setSuggestions([])
  })
} else figma.showUI(__html__, { width: 360, height: 640, themeColors: true, title: 'Peel' })

const server = createRpcServer(createFigmaTransport(figma.ui))
const launch = createLaunch(figma)
figma.on('run', (event) => {
  if (quick) figma.showUI(__html__, { visible: false })
  launch.onRun(event)
})
registerHandlers(server, figma)
server.handle('getLaunch', () => launch.get())
server.handle('finishQuick', (params) => launch.finish(params))
if (figma.command === 'iterate') focusIterateTarget(figma)

const announce = (): void => {
  server.emit('selectionChanged', summarizeSelection(figma.currentPage.selection))
}
figma.on('selectionchange', announce)
figma.on('currentpagechange', announce)
