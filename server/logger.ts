/**
 * @module
 * Structured logs through pino: one JSON object per line, with secrets redacted on the way out as
 * a last line of defence (callers must not pass them in the first place).
 */
import { pino } from 'pino'

export type LogLevel = 'info' | 'warn' | 'error'

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void
}

export interface LoggerOptions {
  /** Where each line goes; stdout by default. */
  write?: (line: string) => void
  /** Exact strings (the server key, tokens) that must never appear in a line. */
  secrets?: readonly string[]
}

// Google API keys have a fixed shape; masking it also covers keys sent per request (BYOK).
const GOOGLE_KEY = /AIza[0-9A-Za-z_-]{35}/g

/** Replaces every known secret and anything shaped like a Google API key with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(GOOGLE_KEY, '[redacted]')
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]')
  }
  return out
}

export function createLogger({ write, secrets = [] }: LoggerOptions = {}): Logger {
  const destination =
    write === undefined
      ? pino.destination({ sync: true })
      : {
          write: (line: string) => {
            write(line.trimEnd())
          },
        }
  const logger = pino(
    {
      base: undefined,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => redactSecrets(line, secrets) },
    },
    destination
  )
  return {
    log(level, msg, fields = {}) {
      logger[level](fields, msg)
    },
  }
}

/** A logger that drops everything, for tests that don't look at logs. */
export const silentLogger: Logger = { log: () => undefined }
