import type { Config } from './config'

/** Every secret in `config`, so the logger can mask each wherever it turns up. */
export function secretsOf(config: Config): string[] {
  return [
    ...config.tokens.map((spec) => spec.token),
    ...(config.upstream.mode === 'gemini' ? [config.upstream.apiKey] : []),
    ...(config.redisUrl === undefined
      ? []
      : [decodeURIComponent(new URL(config.redisUrl).password)]),
  ]
}
