import type { BatchPlan } from '../batch/batch-plan'

/** The one action of a batch restyle, and how many generations may run at once. */
export function BatchActions(props: {
  plan: { ok: true; plan: BatchPlan } | { ok: false; reason: string }
  concurrency: number
  disabled: boolean
  onConcurrency: (n: number) => void
  onStart: (plan: BatchPlan) => void
}) {
  const { plan } = props
  return (
    <div class="actions">
      <button
        type="button"
        class="primary"
        disabled={!plan.ok || props.disabled}
        onClick={() => {
          if (plan.ok) props.onStart(plan.plan)
        }}
      >
        {plan.ok ? `Apply style to ${String(plan.plan.targets.length)} frames` : 'Apply style'}
      </button>
      <label class="inline">
        At once
        <select
          value={String(props.concurrency)}
          onChange={(e) => {
            props.onConcurrency(Number(e.currentTarget.value))
          }}
        >
          {[1, 2, 3, 4, 6, 8].map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {plan.ok ? null : <span class="muted">{plan.reason}</span>}
    </div>
  )
}
