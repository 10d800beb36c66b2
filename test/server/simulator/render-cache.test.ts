import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RenderCache } from '../../../server/simulator/render-cache'
import { startSimulator } from '../../../server/simulator/start-simulator'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'
import { finalImage, sdkFor } from './simulator-helpers'

describe('RenderCache', () => {
  it('keeps the most recently used images within its byte cap', () => {
    const cache = new RenderCache(10)
    cache.set('a', Buffer.alloc(4))
    cache.set('b', Buffer.alloc(4))
    expect(cache.get('a')).toBeDefined() // a is now the most recent
    cache.set('c', Buffer.alloc(4))
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.size).toBe(8)
    cache.set('huge', Buffer.alloc(11))
    expect(cache.get('huge')).toBeUndefined()
  })
})

describe('the simulator with a render cache', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator({ renderCacheBytes: 16 * 1024 * 1024 })
  })
  afterAll(() => sim.close())

  it('answers identical requests with identical bytes, and different ones differently', async () => {
    const ai = sdkFor(sim)
    const generate = (text: string) =>
      ai.models.generateContent({
        model: 'gemini-3.1-flash-image',
        contents: [{ role: 'user', parts: [{ text }] }],
        config: { imageConfig: { imageSize: '512' } },
      })
    const first = finalImage(await generate('a cached lemon'))
    const again = finalImage(await generate('a cached lemon'))
    const other = finalImage(await generate('a cached pear'))
    expect(again.equals(first)).toBe(true)
    expect(other.equals(first)).toBe(false)
  })
})
