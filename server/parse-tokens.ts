/**
 * @module
 * `PEEL_TOKENS`: comma-separated entries of the form `[name=]token[;rpm=N][;ipd=N][;admin]`.
 * A bare token is named `token-1`, `token-2`, … in order.
 */

/** One bearer token and what it may do. */
export interface TokenSpec {
  name: string
  token: string
  /** Requests per minute on /v1/generations. */
  rpm?: number
  /** Images per day (UTC). */
  imagesPerDay?: number
  /** May read every token's usage. */
  admin: boolean
}

function parseLimit(name: string, option: string, value: string): number {
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new Error(`${option} for "${name}" must be a whole number above 0`)
  }
  return limit
}

/** Parses `PEEL_TOKENS`; throws a sentence naming the bad entry (never the token itself). */
export function parseTokens(text: string | undefined): TokenSpec[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  const specs = entries.map((entry, index): TokenSpec => {
    const [head = '', ...options] = entry.split(';').map((part) => part.trim())
    const named = head.indexOf('=')
    const name = named === -1 ? `token-${index + 1}` : head.slice(0, named).trim()
    const token = named === -1 ? head : head.slice(named + 1).trim()
    if (name === '' || token === '') throw new Error(`entry ${index + 1} needs a name and a token`)
    const spec: TokenSpec = { name, token, admin: false }
    for (const option of options) {
      const [key = '', value = ''] = option.split('=').map((part) => part.trim())
      if (key === 'rpm') spec.rpm = parseLimit(name, 'rpm', value)
      else if (key === 'ipd') spec.imagesPerDay = parseLimit(name, 'ipd', value)
      else if (key === 'admin' && value === '') spec.admin = true
      else
        throw new Error(
          `entry "${name}" has an unknown option "${key}" (use rpm=N, ipd=N or admin)`
        )
    }
    return spec
  })
  const names = new Set(specs.map((spec) => spec.name))
  if (names.size !== specs.length) throw new Error('token names must be unique')
  return specs
}
