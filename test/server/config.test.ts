import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config'

describe('loadConfig', () => {
  it('defaults to simulator mode on loopback port 8787', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      tokens: [],
      upstream: { mode: 'simulator' },
      maxBodyBytes: 32 * 1024 * 1024,
      maxInflightBytes: 96 * 1024 * 1024,
      simulator: { port: 8788, latencyMs: 0 },
    })
    expect(loadConfig({ PEEL_MAX_INFLIGHT_MB: '256' }).maxInflightBytes).toBe(256 * 1024 * 1024)
    expect(() => loadConfig({ PEEL_MAX_INFLIGHT_MB: '0' })).toThrow(/PEEL_MAX_INFLIGHT_MB/)
  })

  it('uses the Gemini API when a key is set, with an optional base URL', () => {
    const config = loadConfig({ GEMINI_API_KEY: 'k-123', GEMINI_BASE_URL: 'http://127.0.0.1:9999' })
    expect(config.upstream).toEqual({
      mode: 'gemini',
      apiKey: 'k-123',
      baseUrl: 'http://127.0.0.1:9999',
    })
  })

  it('uses Vertex AI when asked, and needs its project and location', () => {
    expect(
      loadConfig({
        GOOGLE_GENAI_USE_VERTEXAI: 'true',
        GOOGLE_CLOUD_PROJECT: 'p',
        GOOGLE_CLOUD_LOCATION: 'global',
      }).upstream
    ).toMatchObject({ mode: 'vertex', project: 'p', location: 'global' })
    expect(() => loadConfig({ GOOGLE_GENAI_USE_VERTEXAI: 'true' })).toThrow(
      /GOOGLE_CLOUD_PROJECT[\s\S]*GOOGLE_CLOUD_LOCATION/
    )
  })

  it('names every bad variable at once', () => {
    let message = ''
    try {
      loadConfig({ PORT: 'eighty', PEEL_MAX_BODY_MB: '-1', GEMINI_BASE_URL: 'not a url' })
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      message = (error as Error).message
    }
    expect(message).toMatch(/PORT/)
    expect(message).toMatch(/PEEL_MAX_BODY_MB/)
    expect(message).toMatch(/GEMINI_BASE_URL/)
  })

  it('refuses to bind a non-loopback host without tokens, and says why', () => {
    expect(() => loadConfig({ PEEL_HOST: '0.0.0.0' })).toThrow(/PEEL_HOST.*PEEL_TOKENS/)
    const tokens = 'tok-a-x7w2q5k3y9z0, tok-b-x7w2q5k3y9z0'
    expect(loadConfig({ PEEL_HOST: '0.0.0.0', PEEL_TOKENS: tokens }).tokens).toEqual([
      { name: 'token-1', token: 'tok-a-x7w2q5k3y9z0', admin: false },
      { name: 'token-2', token: 'tok-b-x7w2q5k3y9z0', admin: false },
    ])
    expect(loadConfig({ PEEL_HOST: '127.0.0.2' }).host).toBe('127.0.0.2')
  })

  it('reads PEEL_CORS_ORIGINS as serialised origins, and refuses * and anything not an origin', () => {
    expect(loadConfig({}).corsOrigins).toEqual([])
    expect(
      loadConfig({ PEEL_CORS_ORIGINS: 'https://Peel.Example.com/, http://localhost:5173' })
        .corsOrigins
    ).toEqual(['https://peel.example.com', 'http://localhost:5173'])
    expect(() => loadConfig({ PEEL_CORS_ORIGINS: '*' })).toThrow(
      /PEEL_CORS_ORIGINS: cannot be \*, .*set PEEL_TOKENS/
    )
    for (const bad of ['peel.example.com', 'https://peel.example.com/app', 'ftp://x.example']) {
      expect(() => loadConfig({ PEEL_CORS_ORIGINS: bad }), bad).toThrow(
        /PEEL_CORS_ORIGINS: .* is not an origin; write a scheme, a host/
      )
    }
  })

  it('reads PEEL_ALLOWED_HOSTS as lower-case names, and refuses schemes and ports', () => {
    expect(loadConfig({}).allowedHosts).toEqual([])
    expect(loadConfig({ PEEL_ALLOWED_HOSTS: 'Peel.Local, mac-mini.lan.' }).allowedHosts).toEqual([
      'peel.local',
      'mac-mini.lan',
    ])
    for (const bad of ['http://peel.local', 'peel.local:8787', 'peel local']) {
      expect(() => loadConfig({ PEEL_ALLOWED_HOSTS: bad }), bad).toThrow(
        /PEEL_ALLOWED_HOSTS: .* is not a host name; write the name alone/
      )
    }
  })

  it('serves the studio unless PEEL_STUDIO turns it off, and refuses other values', () => {
    expect(loadConfig({}).studio).toBe(true)
    expect(loadConfig({ PEEL_STUDIO: 'false' }).studio).toBe(false)
    expect(loadConfig({ PEEL_STUDIO: '0' }).studio).toBe(false)
    expect(() => loadConfig({ PEEL_STUDIO: 'off' })).toThrow(/PEEL_STUDIO: must be true or false/)
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ GEMINI_API_KEY: '', PEEL_TOKENS: '' }).upstream.mode).toBe('simulator')
  })

  it('takes an optional redis:// or rediss:// REDIS_URL, and refuses anything else', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined()
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined()
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379'
    )
    expect(loadConfig({ REDIS_URL: 'rediss://user:pw@cache.internal:6380/2' }).redisUrl).toBe(
      'rediss://user:pw@cache.internal:6380/2'
    )
    for (const bad of ['http://127.0.0.1:6379', '127.0.0.1:6379', 'redis']) {
      expect(() => loadConfig({ REDIS_URL: bad })).toThrow(
        /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/
      )
    }
  })

  it('never puts the key in an error message', () => {
    expect(() => loadConfig({ GEMINI_API_KEY: 'secret-key-1', PORT: 'x' })).toThrow(
      expect.not.objectContaining({ message: expect.stringContaining('secret-key-1') as string })
    )
  })
})
