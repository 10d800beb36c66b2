/**
 * @module
 * Builds the `@google/genai` client for the configured upstream. The simulator speaks Gemini's
 * wire format, so it gets the same client with only the base URL changed.
 */
import { GoogleGenAI } from '@google/genai'
import type { Upstream } from '../config'

/** The key Peel sends to the simulator, which accepts any key unless configured otherwise. */
export const SIMULATOR_API_KEY = 'peel-simulator-key'

/**
 * A client for one request. `ownKey` (bring your own key) sends the request to the Gemini API with
 * the caller's key, whatever the server's mode.
 */
export function createGenAiClient(
  upstream: Upstream,
  ownKey?: string,
  fetch?: typeof globalThis.fetch
): GoogleGenAI {
  const httpOptions = {
    ...(upstream.baseUrl === undefined ? {} : { baseUrl: upstream.baseUrl }),
    ...(fetch === undefined ? {} : { fetch }),
  }
  if (ownKey !== undefined) {
    return new GoogleGenAI({
      apiKey: ownKey,
      // A Vertex base URL would be wrong for the Gemini API; the pipe's fetch is needed everywhere.
      httpOptions:
        upstream.mode === 'vertex' ? { ...(fetch === undefined ? {} : { fetch }) } : httpOptions,
    })
  }
  switch (upstream.mode) {
    case 'simulator':
      return new GoogleGenAI({ apiKey: SIMULATOR_API_KEY, httpOptions })
    case 'gemini':
      return new GoogleGenAI({ apiKey: upstream.apiKey, httpOptions })
    case 'vertex':
      return new GoogleGenAI({
        vertexai: true,
        project: upstream.project,
        location: upstream.location,
        httpOptions,
      })
  }
}
