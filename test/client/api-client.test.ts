import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApiClient } from '../../client/api-client'
import { startPeel } from '../helpers/start-peel'

type Peel = Awaited<ReturnType<typeof startPeel>>
let peel: Peel
let slow: Peel

beforeAll(async () => {
  peel = await startPeel({ tokens: ['good-token-x7w2q5k3y9z'] })
  slow = await startPeel({ simulatorLatencyMs: 5000 })
})
afterAll(async () => {
  await peel.close()
  await slow.close()
})

const client = (url: string, token = 'good-token-x7w2q5k3y9z') =>
  createApiClient({ baseUrl: url, token, geminiKey: '' })

describe('api client against a real Peel server', () => {
  it('reads health and the model catalogue through the protocol schemas', async () => {
    const api = client(peel.url)
    const health = await api.health()
    expect(health).toMatchObject({ ok: true, data: { status: 'ok', mode: 'simulator' } })
    const models = await api.models()
    if (!models.ok) throw new Error(models.error.message)
    expect(models.data.models.some((m) => m.default)).toBe(true)
  })

  it('returns the server message and a next step for a bad token', async () => {
    const result = await client(peel.url, 'wrong').models()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('unauthorized')
    expect(result.error.message).toMatch(/access token was not accepted/)
    expect(result.error.requestId).toBeTruthy()
  })

  it('maps a blocked prompt to content_blocked', async () => {
    const result = await client(peel.url).generate({ prompt: 'a cat [sim:image_safety]' })
    expect(result).toMatchObject({ ok: false, error: { code: 'content_blocked' } })
  })

  it('generates an image', async () => {
    const result = await client(peel.url).generate({ prompt: 'a cat', aspectRatio: '1:1' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data.images[0]?.width).toBeGreaterThan(0)
  })

  it('aborts the request when cancelled, well before the server would answer', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const pending = client(slow.url, '').generate(
      { prompt: 'slow cat' },
      { signal: controller.signal }
    )
    setTimeout(() => {
      controller.abort()
    }, 200)
    expect(await pending).toMatchObject({ ok: false, error: { code: 'aborted' } })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('times out instead of waiting forever', async () => {
    const result = await client(slow.url, '').generate({ prompt: 'slow cat' }, { timeoutMs: 300 })
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } })
  })

  it('reports a server that is down as a network error', async () => {
    const down = await startPeel()
    const url = down.url
    await down.close()
    const result = await client(url).health()
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } })
  })
})
