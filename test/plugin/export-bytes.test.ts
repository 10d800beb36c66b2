/**
 * Measures bytes sent under the export policy against a naive 2x PNG export of the same frames
 * (what the Nano Banana Pro plugin does). The target is 4x fewer bytes.
 */
import { describe, expect, it } from 'vitest'

import { exportReferences } from '../../plugin/handlers/export-references'
import { FakeFigma } from '../fakes/fake-figma'
import { dashboard, landingPage, mobileScreen } from '../fakes/realistic-frames'
import { sharpEncoder } from '../fakes/sharp-encoder'

describe('export size policy on realistic frames', () => {
  it('sends at least 4x fewer bytes than a naive 2x PNG export', async () => {
    const figma = new FakeFigma({ encode: sharpEncoder })
    const frames = [
      landingPage(figma),
      dashboard(figma, { x: 2000, y: 0 }),
      mobileScreen(figma, { x: 4000, y: 0 }),
    ]
    const rows: string[] = []
    let sent = 0
    let naive = 0
    for (const frame of frames) {
      const naiveBytes = (
        await frame.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 2 } })
      ).length
      const { images } = await exportReferences(figma.port, {
        nodeIds: [frame.id],
        purpose: 'reference',
      })
      const image = images[0]
      if (image === undefined) throw new Error(`${frame.name} did not export`)
      rows.push(
        `${frame.name}: ${String(image.bytes.length)} B ${image.mimeType} ${String(image.width)}x${String(image.height)} vs ${String(naiveBytes)} B 2x PNG (${(naiveBytes / image.bytes.length).toFixed(1)}x)`
      )
      expect(image.mimeType).toBe('image/jpeg')
      expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(1536)
      sent += image.bytes.length
      naive += naiveBytes
    }
    rows.push(`total: ${String(sent)} B vs ${String(naive)} B (${(naive / sent).toFixed(1)}x)`)
    process.stdout.write(`${rows.join('\n')}\n`)
    expect(naive / sent).toBeGreaterThanOrEqual(4)
  })
})
