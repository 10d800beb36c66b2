/**
 * @module
 * The UI iframe: network work only. Document work goes to main over the bus. A quick action from
 * the command palette runs here too, in an iframe main keeps hidden.
 */
import './styles.css'

import { render } from 'preact'

import { App } from './app'
import { runQuickAction } from './quick/run-quick-action'
import { createRpcClient } from './rpc'
import { createWindowTransport } from './window-transport'

const rpc = createRpcClient(createWindowTransport())
const defaults = { serverUrl: __PEEL_SERVER_URL__, token: '', geminiKey: '' }
const showPanel = (): void => {
  const root = document.getElementById('app')
  if (root !== null)
    render(<App rpc={rpc} defaults={defaults} serverUrls={__PEEL_SERVER_URLS__} />, root)
}

rpc.call('getLaunch', {}).then((launch) => {
  if (launch.kind === 'quick') void runQuickAction(rpc, defaults, launch.prompt)
  else showPanel()
}, showPanel)
