import type { IterateTarget } from '../../protocol/messages'

/** The prompts that led to the result being iterated on, oldest first. */
export function PromptChain({ target }: { target: IterateTarget }) {
  const { chain, omitted } = target.entry.next
  return (
    <section class="chain" aria-label="Prompt chain">
      <h2>History of “{target.name}”</h2>
      {omitted > 0 ? <p class="muted">{omitted} earlier prompts not kept.</p> : null}
      <ol start={omitted + 1}>
        {chain.map((prompt, i) => (
          <li key={i}>{prompt}</li>
        ))}
      </ol>
    </section>
  )
}
