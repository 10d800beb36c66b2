/**
 * @module
 * Peel Studio, the page the Peel server serves at /studio: the same generator as the plugin,
 * for people without Figma at hand, through the same client (client/) and contract (protocol/).
 */
import './styles.css'

import { render } from 'preact'

import { Studio } from './studio'

const root = document.getElementById('app')
if (root !== null) render(<Studio />, root)
