/**
 * @module
 * `PEEL_ALLOWED_HOSTS`: comma-separated host names a server without tokens answers besides
 * loopback ones, as Vite's `server.allowedHosts`.
 */

const HOST_NAME = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/

/** Parses `PEEL_ALLOWED_HOSTS` into lower-case names; throws a sentence naming a bad entry. */
export function parseAllowedHosts(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const name = entry.toLowerCase().replace(/\.$/, '')
      if (!HOST_NAME.test(name)) {
        throw new Error(
          `"${entry}" is not a host name; write the name alone, without a scheme or port, such as peel.local`
        )
      }
      return name
    })
}
