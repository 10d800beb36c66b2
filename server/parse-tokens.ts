/**
 * @module
 * `PEEL_TOKENS`: comma-separated entries of the form `[name:]token[;rpm=N][;ipd=N][;admin]`.
 * A token is an RFC 6750 bearer token (letters, digits, `-._~+/`, with `=` only as padding at the
 * end), which can never hold a `:`, so the first `:` always ends the name and no part of a secret
 * ever becomes a name. A bare token is named `token-N` after its entry's position.
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

/** Shorter tokens can be guessed; 16 characters of base64 are 96 bits. */
export const MIN_TOKEN_LENGTH = 16

const NAME = /^[A-Za-z0-9_.-]+$/
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/
const TOKEN_CHARACTERS =
  'a bearer token is letters, digits and - . _ ~ + /, with = only as padding at the end'

function parseLimit(name: string, option: string, value: string): number {
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new Error(`${option} for "${name}" must be a whole number above 0`)
  }
  return limit
}

// Messages name the entry by position only: whatever was written there may be a secret.
function checkToken(token: string, head: string, position: number): void {
  const entry = `entry ${position}`
  if (token === '') throw new Error(`${entry} has no token after its name; write name:token`)
  if (!BEARER_TOKEN.test(token)) {
    if (/^[A-Za-z0-9_.-]+=[^=]/.test(head)) {
      throw new Error(
        `${entry} looks like the old name=token form; write name:token instead ` +
          '(a name now ends at ":", so "=" padding stays part of the token)'
      )
    }
    if (/[^\x21-\x7e]/.test(token)) {
      throw new Error(
        `${entry} has a token with whitespace, a control character or a non-ASCII character; ${TOKEN_CHARACTERS}`
      )
    }
    throw new Error(`${entry} has a token with characters it cannot carry; ${TOKEN_CHARACTERS}`)
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new Error(
      `${entry} has a token shorter than ${MIN_TOKEN_LENGTH} characters; ` +
        'use a long random one, such as the output of `openssl rand -base64 24`'
    )
  }
}

function splitHead(head: string, position: number): { name: string; token: string } {
  const colon = head.indexOf(':')
  if (colon === -1) {
    checkToken(head, head, position)
    return { name: `token-${position}`, token: head }
  }
  const name = head.slice(0, colon).trim()
  const token = head.slice(colon + 1).trim()
  if (!NAME.test(name)) {
    throw new Error(
      `entry ${position} needs a name of letters, digits, "_", "." or "-" before its ":"`
    )
  }
  checkToken(token, head, position)
  return { name, token }
}

function parseEntry(entry: string, position: number): TokenSpec {
  const [head = '', ...options] = entry.split(';').map((part) => part.trim())
  const spec: TokenSpec = { ...splitHead(head, position), admin: false }
  for (const option of options) {
    const [key = '', value = ''] = option.split('=').map((part) => part.trim())
    if (key === 'rpm') spec.rpm = parseLimit(spec.name, 'rpm', value)
    else if (key === 'ipd') spec.imagesPerDay = parseLimit(spec.name, 'ipd', value)
    else if (key === 'admin' && value === '') spec.admin = true
    // Not echoed: a ";" in a pasted secret would make the rest of it look like an option.
    else throw new Error(`entry "${spec.name}" has an unknown option; use rpm=N, ipd=N or admin`)
  }
  return spec
}

/** Parses `PEEL_TOKENS`; throws a sentence naming the bad entry (never the token itself). */
export function parseTokens(text: string | undefined): TokenSpec[] {
  const specs = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => parseEntry(entry, index + 1))
  if (new Set(specs.map((spec) => spec.name)).size !== specs.length) {
    throw new Error('token names must be unique')
  }
  if (new Set(specs.map((spec) => spec.token)).size !== specs.length) {
    throw new Error('two entries have the same token; give each its own')
  }
  return specs
}
