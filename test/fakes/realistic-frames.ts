/**
 * @module
 * Frames shaped like real design work, for export measurements and end-to-end tests: a desktop
 * landing page with a photo hero, a dashboard with a gradient chart, and a mobile screen.
 */
import type { FakeFigma } from './fake-figma'
import type { FakeNode } from './fake-node'

const rgb = (hex: string): RGB => ({
  r: parseInt(hex.slice(1, 3), 16) / 255,
  g: parseInt(hex.slice(3, 5), 16) / 255,
  b: parseInt(hex.slice(5, 7), 16) / 255,
})
const solid = (hex: string): SolidPaint => ({ type: 'SOLID', color: rgb(hex) })
const photo = (hash: string): ImagePaint => ({ type: 'IMAGE', imageHash: hash, scaleMode: 'FILL' })

function text(
  figma: FakeFigma,
  parent: FakeNode,
  x: number,
  y: number,
  w: number,
  lines: number
): void {
  figma.add(
    'TEXT',
    { name: 'Text', x, y, width: w, height: lines * 18, fills: [solid('#1d1d1f')] },
    parent
  )
}

/** A 1440×900 landing page: nav, photo hero, headline, three cards. */
export function landingPage(figma: FakeFigma, at = { x: 0, y: 0 }): FakeNode {
  const frame = figma.add('FRAME', {
    name: 'Landing',
    ...at,
    width: 1440,
    height: 900,
    fills: [solid('#ffffff')],
  })
  figma.add(
    'RECTANGLE',
    { name: 'Nav', x: 0, y: 0, width: 1440, height: 72, fills: [solid('#f5f5f7')] },
    frame
  )
  figma.add(
    'RECTANGLE',
    { name: 'Hero photo', x: 720, y: 72, width: 720, height: 480, fills: [photo('hero')] },
    frame
  )
  text(figma, frame, 96, 180, 520, 4)
  figma.add(
    'RECTANGLE',
    { name: 'CTA', x: 96, y: 300, width: 180, height: 48, fills: [solid('#0a84ff')] },
    frame
  )
  for (let i = 0; i < 3; i++) {
    const card = figma.add(
      'FRAME',
      {
        name: `Card ${String(i + 1)}`,
        x: 96 + i * 432,
        y: 600,
        width: 384,
        height: 240,
        fills: [solid('#fafafa')],
      },
      frame
    )
    figma.add(
      'RECTANGLE',
      { name: 'Thumb', x: 0, y: 0, width: 384, height: 140, fills: [photo(`card${String(i)}`)] },
      card
    )
    text(figma, card, 16, 156, 300, 3)
  }
  return frame
}

/** A 1280×800 dashboard: sidebar, stat tiles, a gradient area chart, a table. */
export function dashboard(figma: FakeFigma, at = { x: 0, y: 0 }): FakeNode {
  const frame = figma.add('FRAME', {
    name: 'Dashboard',
    ...at,
    width: 1280,
    height: 800,
    fills: [solid('#f2f3f5')],
  })
  figma.add(
    'RECTANGLE',
    { name: 'Sidebar', x: 0, y: 0, width: 240, height: 800, fills: [solid('#1e1f24')] },
    frame
  )
  for (let i = 0; i < 4; i++) {
    const tile = figma.add(
      'FRAME',
      {
        name: `Stat ${String(i + 1)}`,
        x: 272 + i * 244,
        y: 32,
        width: 220,
        height: 110,
        fills: [solid('#ffffff')],
      },
      frame
    )
    text(figma, tile, 16, 16, 120, 2)
  }
  const gradient: GradientPaint = {
    type: 'GRADIENT_LINEAR',
    gradientTransform: [
      [1, 0, 0],
      [0, 1, 0],
    ],
    gradientStops: [
      { position: 0, color: { ...rgb('#5e5ce6'), a: 1 } },
      { position: 1, color: { ...rgb('#64d2ff'), a: 1 } },
    ],
  }
  figma.add(
    'RECTANGLE',
    { name: 'Chart', x: 272, y: 174, width: 952, height: 320, fills: [gradient] },
    frame
  )
  for (let row = 0; row < 6; row++) text(figma, frame, 272, 526 + row * 40, 900, 1)
  return frame
}

/** A 390×844 mobile screen: status bar, full-bleed photo, caption, tab bar. */
export function mobileScreen(figma: FakeFigma, at = { x: 0, y: 0 }): FakeNode {
  const frame = figma.add('FRAME', {
    name: 'Mobile',
    ...at,
    width: 390,
    height: 844,
    fills: [solid('#000000')],
  })
  figma.add(
    'RECTANGLE',
    { name: 'Photo', x: 0, y: 44, width: 390, height: 560, fills: [photo('mobile')] },
    frame
  )
  text(figma, frame, 20, 624, 340, 5)
  figma.add(
    'RECTANGLE',
    { name: 'Tab bar', x: 0, y: 760, width: 390, height: 84, fills: [solid('#1c1c1e')] },
    frame
  )
  return frame
}
