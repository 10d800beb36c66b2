/** A CORS preflight for a JSON POST from `origin`, asking for Private Network Access too. */
export function preflight(origin: string): { method: string; headers: Record<string, string> } {
  return {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
      'access-control-request-private-network': 'true',
    },
  }
}
