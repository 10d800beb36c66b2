/**
 * @module
 * `GET /v1/usage`: what each token has used, per model, since the server's usage store began.
 */
import { z } from 'zod'

export const UsageRowSchema = z.object({
  model: z.string(),
  requests: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** From the server's price table; an estimate, not a bill. */
  estimatedCostUsd: z.number().nonnegative(),
})

export const UsageReportSchema = z.object({
  tokens: z.array(z.object({ token: z.string(), models: z.array(UsageRowSchema) })),
})
export type UsageReport = z.infer<typeof UsageReportSchema>
