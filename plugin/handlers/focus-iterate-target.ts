import type { FigmaPort } from '../figma/port'
import { readLineage } from '../figma/read-lineage'

/**
 * After an Iterate relaunch, narrows the selection to the first Peel result in it, so the panel
 * opens in Iterate mode on that node even when more was selected.
 */
export function focusIterateTarget(port: FigmaPort): void {
  const result = port.currentPage.selection.find((node) => readLineage(node).ok)
  if (result !== undefined) port.currentPage.selection = [result]
}
