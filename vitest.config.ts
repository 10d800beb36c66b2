import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Image encoding and loopback servers make some tests slower than vitest's 5 s default on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
