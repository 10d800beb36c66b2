import { describe, expect, it } from 'vitest'
import { createLogger, redactSecrets } from '../../server/logger'

describe('logger', () => {
  it('writes one JSON object per line and masks secrets and Google-shaped keys', () => {
    const lines: string[] = []
    const logger = createLogger({ write: (line) => lines.push(line), secrets: ['tok-123456'] })
    logger.log('warn', 'oops', {
      detail: 'token tok-123456 and key AIzaSyA1234567890abcdefghijklmnopqrstuv',
    })
    expect(lines).toHaveLength(1)
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>
    expect(entry).toMatchObject({ level: 'warn', msg: 'oops' })
    expect(lines[0]).not.toContain('tok-123456')
    expect(lines[0]).not.toContain('AIzaSyA1234567890')
    expect(redactSecrets('x abcd y', ['abcd'])).toBe('x [redacted] y')
  })
})
