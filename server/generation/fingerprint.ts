import { createHash } from 'node:crypto'
import type { GenerateRequest } from '../../protocol/api'

/**
 * A digest of everything that decides a generation's result, so a reused Idempotency-Key can be
 * told apart from an honest retry. The caller's own key counts too: two keys are two bills.
 */
export function fingerprint(request: GenerateRequest, model: string, ownKey?: string): string {
  const hash = createHash('sha256')
  hash.update(
    JSON.stringify([model, request.prompt, request.aspectRatio, request.imageSize, ownKey ?? null])
  )
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
