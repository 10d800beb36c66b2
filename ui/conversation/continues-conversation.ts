import type { ModelInfo } from '../../protocol/api'

/**
 * Models that keep context only through a real multi-turn conversation with thought signatures,
 * as the server's catalogue says (the 3-series, and aliases of them). Other models are iterated by
 * re-sending the prompt chain with the image.
 */
export function continuesConversation(model: Pick<ModelInfo, 'multiTurn'> | undefined): boolean {
  return model?.multiTurn === true
}
