import { createHash } from 'node:crypto'
import type { Hash } from 'node:crypto'
import type { Base64Data } from '../images/base64-bytes'
import type { GenerationRequest } from './generation-request'

// Bytes and strings of the same base64 hash alike, so how a request arrived does not matter.
function update(hash: Hash, data: Base64Data): void {
  if (typeof data === 'string') hash.update(data)
  else for (const part of data.parts) hash.update(part)
}

/**
 * A digest of everything that decides a generation's result, so a reused Idempotency-Key can be
 * told apart from an honest retry. The caller's own key counts too: two keys are two bills.
 */
export function fingerprint(request: GenerationRequest, model: string, ownKey?: string): string {
  const hash = createHash('sha256')
  hash.update(
    JSON.stringify([model, request.prompt, request.aspectRatio, request.imageSize, ownKey ?? null])
  )
  for (const reference of request.references) {
    hash.update(`\0${reference.mimeType}\0${reference.role}\0${reference.name ?? ''}\0`)
    update(hash, reference.data)
  }
  for (const turn of request.history) {
    hash.update(`\0${turn.role}`)
    for (const part of turn.parts) {
      hash.update(`\0${part.thoughtSignature ?? ''}\0`)
      if ('text' in part) hash.update(`t${part.text}`)
      else {
        const { mimeType, data } = part.inlineData
        hash.update(`i${mimeType}\0`)
        update(hash, data)
      }
    }
  }
  return hash.digest('base64url')
}
