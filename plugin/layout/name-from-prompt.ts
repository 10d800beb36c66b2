/** Layer names stay readable in the layers panel at about this length. */
const MAX_NAME = 60

/** A layer name from a prompt: one line, trimmed, cut at a word boundary with an ellipsis. */
export function nameFromPrompt(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim()
  if (line.length <= MAX_NAME) return line
  const cut = line.slice(0, MAX_NAME - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > MAX_NAME / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** Figma shows about three lines of a relaunch description and rejects more than 1000 chars. */
export function relaunchDescription(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim()
  const text = `Prompt: ${line}`
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`
}
