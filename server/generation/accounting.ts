/**
 * @module
 * What happens around a generation besides the generation: limits checked at admission, and usage,
 * cost and metrics recorded once per upstream generation (not per caller: a joined or replayed
 * request costs nothing more).
 */
import type { GenerateRequest } from '../../protocol/api'
import type { ModelSpec } from '../gemini/model-specs'
import { estimateCostMicroUsd } from '../gemini/prices'
import type { PriceTable } from '../gemini/prices'
import type { Logger } from '../logger'
import type { PeelMetrics } from '../metrics/peel-metrics'
import type { TokenSpec } from '../parse-tokens'
import type { StateStore } from '../state/state-store'
import type { TokenLimits } from '../state/token-limits'
import type { Obtained } from './generations'

export interface Accounting {
  store: StateStore
  limits: TokenLimits
  prices: PriceTable
  metrics?: PeelMetrics
  logger: Logger
}

export interface Admission {
  token: TokenSpec | undefined
  owner: string
  spec: ModelSpec
  request: GenerateRequest
}

/** Checks limits, then obtains the generation through `obtain` and books what it costs. */
export async function admitGeneration(
  accounting: Accounting,
  { token, owner, spec, request }: Admission,
  obtain: () => Obtained | Promise<Obtained>
): Promise<Obtained> {
  const { store, limits, prices, metrics, logger } = accounting
  await limits.admitRequest(token)
  const settleImages = await limits.reserveImage(token)
  let obtained: Obtained
  try {
    obtained = await obtain()
  } catch (error) {
    await settleImages(0)
    throw error
  }
  // Never fails: a store that is away keeps the delta until it is back (see StateStore).
  await store.addUsage(owner, spec.id, { requests: 1 })
  if (!('job' in obtained) || !obtained.created) {
    await settleImages(0)
    return obtained
  }
  void obtained.job.settled
    .then(async (outcome) => {
      const model = spec.id
      const images = outcome.ok ? outcome.body.images.length : 0
      const attempts = outcome.ok ? outcome.body.attempts : (outcome.error.attempts ?? 1)
      metrics?.generations.inc({ model, outcome: outcome.ok ? 'ok' : outcome.error.code })
      metrics?.upstreamAttempts.inc({ model }, attempts)
      if (!outcome.ok) return settleImages(0)
      const { usage } = outcome.body
      const output = usage.outputTokens + usage.thoughtsTokens
      metrics?.images.inc({ model }, images)
      metrics?.tokens.inc({ model, kind: 'input' }, usage.promptTokens)
      metrics?.tokens.inc({ model, kind: 'output' }, output)
      await settleImages(images)
      await store.addUsage(owner, model, {
        images,
        inputTokens: usage.promptTokens,
        outputTokens: output,
        costMicroUsd: estimateCostMicroUsd(prices, spec, request.imageSize, images),
      })
    })
    .catch((error: unknown) => {
      logger.log('error', 'usage not recorded', {
        owner,
        error: error instanceof Error ? error.name : 'unknown',
      })
    })
  return obtained
}
