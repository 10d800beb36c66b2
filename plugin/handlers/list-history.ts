/**
 * @module
 * History: every Peel result in the file, found by its lineage plugin data. The plugin runs under
 * `documentAccess: dynamic-page`, so each page is loaded (`loadAsync`, a no-op once loaded) just
 * before it is searched, current page first, rather than loading the whole file up front with
 * `loadAllPagesAsync`: the list is the whole file either way, and this keeps the memory of one
 * page at a time. Nothing is cached outside the document: a deleted result is simply not found.
 */
import type { HistoryItem, HistoryList } from '../../protocol/history'
import { LINEAGE_KEY } from '../../protocol/lineage'
import type { FigmaPort } from '../figma/port'
import { readLineage } from '../figma/read-lineage'

/** More than a panel can usefully show; the newest are kept. */
export const MAX_HISTORY = 500

function pagesInOrder(port: FigmaPort): PageNode[] {
  const current = port.currentPage
  return [current, ...port.root.children.filter((page) => page !== current)]
}

/** Every result, newest first, with sentences about what was left out. */
export async function listHistory(port: FigmaPort): Promise<HistoryList> {
  const items: HistoryItem[] = []
  let damaged = 0
  for (const page of pagesInOrder(port)) {
    await page.loadAsync()
    for (const node of page.findAllWithCriteria({ pluginData: { keys: [LINEAGE_KEY] } })) {
      const lineage = readLineage(node)
      if (!lineage.ok) {
        damaged += 1
        continue
      }
      // Signatures are KBs of opaque text the list never shows; they stay in the document.
      const entry = { ...lineage.entry }
      delete entry.conversation
      items.push({ nodeId: node.id, name: node.name, pageId: page.id, pageName: page.name, entry })
    }
  }
  items.sort((a, b) => b.entry.createdAt.localeCompare(a.entry.createdAt))
  const notices: string[] = []
  if (damaged > 0) {
    notices.push(
      `${String(damaged)} ${damaged === 1 ? 'layer has' : 'layers have'} damaged Peel history and ${damaged === 1 ? 'is' : 'are'} not listed. Generate from them to start a new history.`
    )
  }
  if (items.length > MAX_HISTORY) {
    notices.push(`Showing the newest ${String(MAX_HISTORY)} of ${String(items.length)} results.`)
  }
  return { items: items.slice(0, MAX_HISTORY), notices }
}
