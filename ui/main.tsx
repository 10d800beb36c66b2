/**
 * @module
 * The UI iframe: network work only. Document work goes to main over the bus.
 */
import './styles.css'

import { render } from 'preact'

import { App } from './app'
import { createRpcClient } from './rpc'
import { createWindowTransport } from './window-transport'

const rpc = createRpcClient(createWindowTransport())
const defaults = { serverUrl: __PEEL_SERVER_URL__, token: '', geminiKey: '' }
const root = document.getElementById('app')
if (root !== null)
  render(<App rpc={rpc} defaults={defaults} serverUrls={__PEEL_SERVER_URLS__} />, root)
