import { createHash } from 'node:crypto'
import type { GenerateRequest } from '../../protocol/api'
import { defaultImageSize } from '../gemini/model-specs'
import type { ModelSpec } from '../gemini/model-specs'

/**
 * A digest of everything that decides a generation's result, so a reused Idempotency-Key can be
 * told apart from an honest retry. It hashes the request as the server will run it, so a default
 * written out (the model's own size, the default model) is the same request as one left out. The
 * caller's own key counts too: two keys are two bills.
 */
export function fingerprint(request: GenerateRequest, spec: ModelSpec, ownKey?: string): string {
  const hash = createHash('sha256')
  // A model with fixed sizes ignores imageSize (a request naming one is refused before this).
  const size = spec.imageSizes.length === 0 ? null : (request.imageSize ?? defaultImageSize(spec))
  hash.update(JSON.stringify([spec.id, request.prompt, request.aspectRatio, size, ownKey ?? null]))
  for (const reference of request.references) {
    hash.update(`\0${reference.mimeType}\0${reference.role}\0${reference.name ?? ''}\0`)
    hash.update(reference.data)
  }
  for (const turn of request.history) {
    hash.update(`\0${turn.role}`)
    for (const part of turn.parts) {
      hash.update(`\0${part.thoughtSignature ?? ''}\0`)
      if ('text' in part) hash.update(`t${part.text}`)
      else {
        const { mimeType, data } = part.inlineData
        hash.update(`i${mimeType}\0`)
        hash.update(data)
      }
    }
  }
  return hash.digest('base64url')
}
