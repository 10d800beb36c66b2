/**
 * The slice of Figma's Plugin API that Peel touches. Handlers take this instead of the global so
 * the in-memory fake host (test/fakes) can stand in for Figma.
 */
export type FigmaPort = Pick<
  PluginAPI,
  | 'currentPage'
  | 'getNodeByIdAsync'
  | 'createRectangle'
  | 'createImage'
  | 'getImageByHash'
  | 'viewport'
  | 'commitUndo'
  | 'clientStorage'
  | 'command'
  | 'root'
  | 'setCurrentPageAsync'
  | 'notify'
  | 'closePlugin'
>
