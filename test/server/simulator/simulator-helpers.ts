/**
 * @module
 * Helpers for the simulator tests: the real SDK pointed at a simulator, raw wire calls, and
 * images to send.
 */
import type { GenerateContentResponse, Part } from '@google/genai'
import { GoogleGenAI } from '@google/genai'
import sharp from 'sharp'
import type { RunningSimulator } from '../../../server/simulator/start-simulator'

/** The real SDK, talking to `sim` over loopback. */
export function sdkFor(sim: RunningSimulator, apiKey = 'test-key'): GoogleGenAI {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: sim.url } })
}

/** Every part of the first candidate. */
export function partsOf(response: GenerateContentResponse): Part[] {
  return response.candidates?.[0]?.content?.parts ?? []
}

/** The final (non-thought) image part; throws when there is none. */
export function finalImagePart(response: GenerateContentResponse): Part {
  const part = partsOf(response).find((p) => p.inlineData !== undefined && p.thought !== true)
  if (part === undefined) throw new Error('The response has no final image.')
  return part
}

/** The bytes of the final image. */
export function finalImage(response: GenerateContentResponse): Buffer {
  return Buffer.from(finalImagePart(response).inlineData?.data ?? '', 'base64')
}

/** An image's pixel size as sharp reads it. */
export async function pixelSize(image: Buffer): Promise<{ width: number; height: number }> {
  const { width, height } = await sharp(image).metadata()
  return { width, height }
}

/** A solid-colour PNG, base64. */
export async function solidPng(colour: string, width = 64, height = 64): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer()
  return png.toString('base64')
}

/** The error body Google sends, loosely typed for assertions. */
export interface WireError {
  error: { code: number; message: string; status: string; details?: Record<string, unknown>[] }
}

export interface RawOptions {
  method?: 'generateContent' | 'streamGenerateContent'
  /** `null` sends no key at all. */
  apiKey?: string | null
  version?: string
}

/** A `fetch` straight at the simulator, for checking status codes and bodies on the wire. */
export async function postRaw(
  sim: RunningSimulator,
  model: string,
  body: unknown,
  { method = 'generateContent', apiKey = 'test-key', version = 'v1beta' }: RawOptions = {}
): Promise<{ status: number; contentType: string; text: string; json: () => unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (apiKey !== null) headers['x-goog-api-key'] = apiKey
  const query = method === 'streamGenerateContent' ? '?alt=sse' : ''
  const response = await fetch(`${sim.url}/${version}/models/${model}:${method}${query}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    json: () => JSON.parse(text) as unknown,
  }
}

/** A one-turn body with a text prompt and optional image config. */
export function promptBody(text: string, imageConfig?: Record<string, unknown>): unknown {
  return {
    contents: [{ role: 'user', parts: [{ text }] }],
    generationConfig: { responseModalities: ['IMAGE'], ...(imageConfig ? { imageConfig } : {}) },
  }
}
