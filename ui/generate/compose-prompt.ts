/**
 * The prompt sent for an iteration: the earlier prompts give the model the story so far, and the
 * new one says what to change. Create and Edit send the prompt as typed.
 */
export function composePrompt(prompt: string, chain: readonly string[]): string {
  const text = prompt.trim()
  if (chain.length === 0) return text
  const story = chain.map((step, i) => `${String(i + 1)}. ${step}`).join('\n')
  return `The reference image was made by these instructions, in order:\n${story}\nNow change it: ${text}`
}
