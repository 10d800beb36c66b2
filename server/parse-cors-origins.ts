/**
 * @module
 * `PEEL_CORS_ORIGINS`: comma-separated origins a server without tokens trusts besides the Figma
 * plugin iframe (`null`) and its own pages.
 */

// URL.parse is newer than the Node 20.9 Peel supports.
function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** Parses `PEEL_CORS_ORIGINS` into serialised origins; throws a sentence naming a bad entry. */
export function parseCorsOrigins(text: string | undefined): string[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  return entries.map((entry) => {
    if (entry === '*') {
      throw new Error(
        'cannot be *, which would let any web page spend the Gemini key; list origins, or set PEEL_TOKENS'
      )
    }
    if (entry === 'null') return entry
    const url = parseUrl(entry)
    const bare =
      url !== null &&
      /^https?:$/.test(url.protocol) &&
      url.username === '' &&
      url.password === '' &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === ''
    if (!bare) {
      throw new Error(
        `"${entry}" is not an origin; write a scheme, a host and an optional port, such as https://peel.example.com`
      )
    }
    // Browsers send the serialised form: lower-case host, no default port, no trailing slash.
    return url.origin
  })
}
