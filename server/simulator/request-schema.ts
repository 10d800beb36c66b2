/**
 * @module
 * The `generateContent` request body as Gemini parses it. Objects are strict because Google rejects
 * unknown field names ("Cannot find field"), which is what catches a misspelt `imageConfig` key.
 */
import { z } from 'zod'

const InlineDataSchema = z.strictObject({
  mimeType: z.string(),
  data: z.string(),
  displayName: z.string().optional(),
})

const PartSchema = z.strictObject({
  text: z.string().optional(),
  inlineData: InlineDataSchema.optional(),
  fileData: z.unknown().optional(),
  functionCall: z.unknown().optional(),
  functionResponse: z.unknown().optional(),
  executableCode: z.unknown().optional(),
  codeExecutionResult: z.unknown().optional(),
  videoMetadata: z.unknown().optional(),
  partMetadata: z.unknown().optional(),
  mediaResolution: z.unknown().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
})
export type RequestPart = z.infer<typeof PartSchema>

const ContentSchema = z.strictObject({
  role: z.string().optional(),
  parts: z.array(PartSchema).default([]),
})
export type RequestContent = z.infer<typeof ContentSchema>

const GenerationConfigSchema = z.strictObject({
  responseModalities: z.array(z.string()).optional(),
  imageConfig: z
    .strictObject({ aspectRatio: z.string().optional(), imageSize: z.string().optional() })
    .optional(),
  candidateCount: z.number().int().optional(),
  seed: z.number().int().optional(),
  temperature: z.number().optional(),
  topP: z.number().optional(),
  topK: z.number().optional(),
  maxOutputTokens: z.number().int().optional(),
  thinkingConfig: z
    .strictObject({
      includeThoughts: z.boolean().optional(),
      thinkingBudget: z.number().int().optional(),
      thinkingLevel: z.string().optional(),
    })
    .optional(),
  stopSequences: z.array(z.string()).optional(),
  responseMimeType: z.string().optional(),
  responseSchema: z.unknown().optional(),
  responseJsonSchema: z.unknown().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  responseLogprobs: z.boolean().optional(),
  logprobs: z.number().int().optional(),
  mediaResolution: z.string().optional(),
  speechConfig: z.unknown().optional(),
  enableEnhancedCivicAnswers: z.boolean().optional(),
})

/** A `generateContent` / `streamGenerateContent` body, after snake_case keys are camelCased. */
export const GenerateContentRequestSchema = z.strictObject({
  model: z.string().optional(),
  contents: z.array(ContentSchema).default([]),
  systemInstruction: ContentSchema.optional(),
  generationConfig: GenerationConfigSchema.optional(),
  safetySettings: z
    .array(z.strictObject({ category: z.string(), threshold: z.string() }))
    .optional(),
  tools: z.array(z.unknown()).optional(),
  toolConfig: z.unknown().optional(),
  cachedContent: z.string().optional(),
})
export type GenerateContentRequest = z.infer<typeof GenerateContentRequestSchema>

function camelCase(key: string): string {
  return key.includes('_') ? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key
}

/** Google takes proto field names (`inline_data`) as well as JSON names (`inlineData`). */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [camelCase(key), camelizeKeys(inner)])
  )
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/** A zod issue path as Google writes field paths: `contents[0].parts[1].inline_data`. */
export function googleFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${snakeCase(String(key))}`
    )
    .join('')
}

/** Google's "Invalid JSON payload received. …" message for the first schema problem. */
export function describeSchemaError(error: z.ZodError): string {
  const issue = error.issues[0]
  const prefix = 'Invalid JSON payload received.'
  if (issue === undefined) return prefix
  const at = googleFieldPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys[0] ?? ''
    return `${prefix} Unknown name "${name}"${at === '' ? '' : ` at '${at}'`}: Cannot find field.`
  }
  return `${prefix} Invalid value at '${at === '' ? '(root)' : at}': ${issue.message}`
}
