import type { FigmaPort } from './port'

/** Selects `node` and zooms to it, switching to `page` (its page) first when it is another. */
export async function reveal(port: FigmaPort, node: SceneNode, page: PageNode): Promise<void> {
  // Under dynamic-page `currentPage` is read-only: switching pages is async.
  if (page.id !== port.currentPage.id) await port.setCurrentPageAsync(page)
  port.currentPage.selection = [node]
  port.viewport.scrollAndZoomIntoView([node])
}
