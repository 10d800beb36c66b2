/**
 * @module
 * Checks a request against the chosen model's limits, so Gemini never sees a request it would
 * reject for a reason Peel can explain better.
 */
import type { GenerateRequest } from '../../protocol/api'
import type { Issue } from '../../protocol/errors'
import { AppError } from '../errors'
import { matchesMimeType, sniffImageType } from '../images/sniff-image-type'
import type { Catalogue } from './create-catalogue'
import type { ModelSpec } from './model-specs'

function referenceIssues(request: GenerateRequest, spec: ModelSpec): Issue[] {
  const issues: Issue[] = []
  const count = request.references.length
  if (count > spec.maxReferences) {
    issues.push({
      path: 'references',
      message: `The model ${spec.id} takes at most ${spec.maxReferences} references; remove ${count - spec.maxReferences}.`,
    })
  }
  request.references.forEach((reference, index) => {
    if (matchesMimeType(reference.data, reference.mimeType)) return
    const actual = sniffImageType(reference.data)
    issues.push({
      path: `references.${index}.data`,
      message:
        actual === undefined
          ? `Reference ${index + 1} is not a PNG, JPEG, WebP or HEIF image. Export it again.`
          : `Reference ${index + 1} is ${actual}, not ${reference.mimeType}. Set mimeType to ${actual}.`,
    })
  })
  return issues
}

function optionIssues(request: GenerateRequest, spec: ModelSpec): Issue[] {
  const issues: Issue[] = []
  if (request.aspectRatio !== undefined && !spec.aspectRatios.includes(request.aspectRatio)) {
    issues.push({
      path: 'aspectRatio',
      message: `The model ${spec.id} does not offer ${request.aspectRatio}. Choose one of ${spec.aspectRatios.join(', ')}.`,
    })
  }
  if (request.imageSize !== undefined && !spec.imageSizes.includes(request.imageSize)) {
    issues.push({
      path: 'imageSize',
      message:
        spec.imageSizes.length === 0
          ? `The model ${spec.id} has one fixed size per aspect ratio. Leave imageSize out.`
          : `The model ${spec.id} does not offer ${request.imageSize}. Choose one of ${spec.imageSizes.join(', ')}.`,
    })
  }
  return issues
}

// Gemini wants turns to alternate, beginning with the user; the new user turn comes next, so the
// history must end with the model's answer.
function historyIssues(request: GenerateRequest, spec: ModelSpec): Issue[] {
  const { history } = request
  if (history.length === 0) return []
  const issues: Issue[] = []
  const misplaced = history.findIndex(
    (turn, index) => turn.role !== (index % 2 === 0 ? 'user' : 'model')
  )
  if (misplaced !== -1 || history.length % 2 !== 0) {
    issues.push({
      path: misplaced === -1 ? 'history' : `history.${misplaced}.role`,
      message:
        'The history must alternate user and model turns, starting with user and ending with model.',
    })
  }
  const images = history
    .filter((turn) => turn.role === 'user')
    .reduce(
      (sum, turn) => sum + turn.parts.filter((part) => 'inlineData' in part).length,
      request.references.length
    )
  if (images > spec.maxReferences) {
    issues.push({
      path: 'history',
      message: `The conversation now holds ${images} reference images and the model ${spec.id} takes at most ${spec.maxReferences}. Start a fresh edit or use fewer references.`,
    })
  }
  return issues
}

/** Returns the model to use, or throws 400 `invalid_request` naming each bad field. */
export function checkAgainstModel(request: GenerateRequest, catalogue: Catalogue): ModelSpec {
  const spec = request.model === undefined ? catalogue.defaultModel : catalogue.find(request.model)
  if (spec === undefined) {
    const offered = catalogue.models.map((model) => model.id).join(', ')
    throw new AppError(
      'invalid_request',
      `Unknown model "${request.model ?? ''}". Choose one of ${offered}.`,
      {
        issues: [{ path: 'model', message: `Choose one of ${offered}.` }],
      }
    )
  }
  const issues = [
    ...referenceIssues(request, spec),
    ...optionIssues(request, spec),
    ...historyIssues(request, spec),
  ]
  if (issues.length > 0) {
    throw new AppError('invalid_request', issues.map((issue) => issue.message).join(' '), {
      issues,
    })
  }
  return spec
}
