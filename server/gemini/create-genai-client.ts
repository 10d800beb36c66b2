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
export function createGenAiClient(upstream: Upstream, ownKey?: string): GoogleGenAI {
  const httpOptions = upstream.baseUrl === undefined ? {} : { baseUrl: upstream.baseUrl }
  if (ownKey !== undefined) {
    // A Vertex base URL would be wrong for the Gemini API.
    return new GoogleGenAI({
      apiKey: ownKey,
      httpOptions: upstream.mode === 'vertex' ? {} : httpOptions,
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
