import { describe, expect, it } from 'vitest'
import { Semaphore } from '../../server/generation/semaphore'
import { Generations } from '../../server/generation/generations'
import type { Generator } from '../../server/gemini/create-generator'
import { findModelSpec } from '../../server/gemini/model-specs'

describe('Semaphore', () => {
  it('admits up to its limit, queues the rest in order, and drops aborted waiters', async () => {
    const semaphore = new Semaphore(2)
    const order: string[] = []
    const a = await semaphore.acquire()
    const b = await semaphore.acquire()
    const aborted = new AbortController()
    const c = semaphore.acquire().then((release) => (order.push('c'), release))
    const d = semaphore.acquire(aborted.signal).then(
      () => order.push('d'),
      () => order.push('d aborted')
    )
    const e = semaphore.acquire().then((release) => (order.push('e'), release))
    expect(semaphore.queued).toBe(3)
    aborted.abort()
    await d
    a()
    a()
    b()
    ;(await c)()
    ;(await e)()
    expect(order).toEqual(['d aborted', 'c', 'e'])
    expect(semaphore.queued).toBe(0)
  })
})

describe('Generations concurrency', () => {
  it('never runs more generations upstream than allowed', async () => {
    let running = 0
    let peak = 0
    const generator: Generator = {
      async generate(request) {
        running += 1
        peak = Math.max(peak, running)
        await new Promise((resolve) => setTimeout(resolve, 30))
        running -= 1
        return {
          id: 'gen',
          model: 'm',
          images: [{ mimeType: 'image/png', data: 'AAAA', width: 1, height: 1 }],
          finishReason: request.prompt,
          usage: { promptTokens: 0, outputTokens: 0, thoughtsTokens: 0, totalTokens: 0 },
          attempts: 1,
          turn: { user: { parts: [] }, model: { parts: [] } },
        }
      },
    }
    const spec = findModelSpec('gemini-3.1-flash-image')
    if (spec === undefined) throw new Error('spec missing')
    const generations = new Generations(generator, undefined, 3)
    const jobs = Array.from({ length: 10 }, async (_, i) => {
      const obtained = await generations.acquire({
        owner: 'o',
        request: { prompt: `p${i}`, references: [], history: [], previews: true },
        spec,
        stream: false,
      })
      if (!('job' in obtained)) throw new Error('expected a job')
      return obtained.job.settled
    })
    const outcomes = await Promise.all(jobs)
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true)
    expect(peak).toBe(3)
  })
})
