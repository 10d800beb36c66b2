/**
 * @module
 * The models this server offers, built from `PEEL_MODELS` and `PEEL_DEFAULT_MODEL`.
 */
import type { ModelInfo } from '../../protocol/api'
import { ConfigError } from '../config'
import { MODEL_SPECS, findModelSpec } from './model-specs'
import type { ModelSpec } from './model-specs'

export interface Catalogue {
  /** What `GET /v1/models` returns, in configured order. */
  models: ModelInfo[]
  defaultModel: ModelSpec
  find(id: string): ModelSpec | undefined
}

// `new-id=known-id` offers a model Peel does not know yet with the limits of one it does, so a
// newly released model can be used without a Peel release.
function resolveEntry(entry: string): ModelSpec | string {
  const [id = '', base] = entry.split('=').map((part) => part.trim())
  const spec = findModelSpec(base ?? id)
  if (spec === undefined) return entry
  return base === undefined ? spec : { ...spec, id, label: id }
}

/**
 * Builds the catalogue. Throws a `ConfigError` naming an unknown model or a default that is not
 * offered.
 */
export function createCatalogue(ids?: readonly string[], defaultId?: string): Catalogue {
  const resolved = (ids ?? MODEL_SPECS.map((spec) => spec.id)).map(resolveEntry)
  const unknown = resolved.filter((entry): entry is string => typeof entry === 'string')
  if (unknown.length > 0) {
    const known = MODEL_SPECS.map((spec) => spec.id).join(', ')
    throw new ConfigError(
      `Peel cannot start. Fix these settings:\n  PEEL_MODELS: unknown model ${unknown.join(', ')}; ` +
        `use ${known}, or NEW_ID=KNOWN_ID to give a new model the limits of a known one`
    )
  }
  const specs = resolved as ModelSpec[]
  const first = specs[0]
  if (first === undefined) throw new ConfigError('PEEL_MODELS: name at least one model')
  const defaultModel = defaultId === undefined ? first : specs.find((spec) => spec.id === defaultId)
  if (defaultModel === undefined) {
    throw new ConfigError(
      `Peel cannot start. Fix these settings:\n  PEEL_DEFAULT_MODEL: ${defaultId ?? ''} is not ` +
        `among the offered models (${specs.map((spec) => spec.id).join(', ')})`
    )
  }
  return {
    models: specs.map((spec) => ({
      id: spec.id,
      label: spec.label,
      default: spec === defaultModel,
      maxReferences: spec.maxReferences,
      multiTurn: spec.series === '3',
      aspectRatios: [...spec.aspectRatios],
      imageSizes: [...spec.imageSizes],
    })),
    defaultModel,
    find: (id) => specs.find((spec) => spec.id === id),
  }
}
