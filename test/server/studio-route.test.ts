import { describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema } from '../../protocol/errors'
import { createTestApp } from '../helpers/create-test-app'

describe('/studio before the studio is built', () => {
  it('answers every studio path with a 404 that says how to build it, under the same CSP', async () => {
    const { app } = createTestApp({ baseUrl: 'http://127.0.0.1:9', studioDir: '/nonexistent' })
    for (const path of ['/studio', '/studio/assets/main-ABC.js']) {
      const res = await app.request(path, { headers: { host: '127.0.0.1:8787' } })
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
      const envelope = ErrorEnvelopeSchema.parse(await res.json())
      expect(envelope.error.message).toMatch(/npm run build/)
    }
  })
})
