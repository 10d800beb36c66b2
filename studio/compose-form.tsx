import type { AspectRatio, ImageSize, ModelInfo } from '../protocol/api'

export interface ComposeState {
  prompt: string
  modelId: string
  aspectRatio: AspectRatio | ''
  imageSize: ImageSize | ''
}

interface ComposeFormProps {
  models: readonly ModelInfo[]
  state: ComposeState
  running: boolean
  onChange: (state: ComposeState) => void
  onGenerate: () => void
  onCancel: () => void
}

/** The prompt and the options the chosen model offers; Ctrl/Cmd+Enter generates. */
export function ComposeForm({
  models,
  state,
  running,
  onChange,
  onGenerate,
  onCancel,
}: ComposeFormProps) {
  const model = models.find((candidate) => candidate.id === state.modelId)
  return (
    <form
      class="card compose"
      onSubmit={(event) => {
        event.preventDefault()
        if (!running) onGenerate()
      }}
    >
      <div class="field">
        <label for="studio-prompt">Prompt</label>
        <textarea
          id="studio-prompt"
          rows={4}
          value={state.prompt}
          onInput={(event) => {
            onChange({ ...state, prompt: event.currentTarget.value })
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !running) {
              event.preventDefault()
              onGenerate()
            }
          }}
        />
      </div>
      <div class="options">
        <div class="field">
          <label for="studio-model">Model</label>
          <select
            id="studio-model"
            value={state.modelId}
            onChange={(event) => {
              const next = models.find((candidate) => candidate.id === event.currentTarget.value)
              // Options the new model lacks fall back to its defaults.
              onChange({
                ...state,
                modelId: event.currentTarget.value,
                aspectRatio:
                  state.aspectRatio !== '' &&
                  next?.aspectRatios.includes(state.aspectRatio) === true
                    ? state.aspectRatio
                    : '',
                imageSize:
                  state.imageSize !== '' && next?.imageSizes.includes(state.imageSize) === true
                    ? state.imageSize
                    : '',
              })
            }}
          >
            {models.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="studio-ratio">Aspect ratio</label>
          <select
            id="studio-ratio"
            value={state.aspectRatio}
            onChange={(event) => {
              onChange({ ...state, aspectRatio: event.currentTarget.value as AspectRatio | '' })
            }}
          >
            <option value="">Automatic</option>
            {model?.aspectRatios.map((ratio) => (
              <option key={ratio} value={ratio}>
                {ratio}
              </option>
            ))}
          </select>
        </div>
        {model !== undefined && model.imageSizes.length > 0 && (
          <div class="field">
            <label for="studio-size">Size</label>
            <select
              id="studio-size"
              value={state.imageSize}
              onChange={(event) => {
                onChange({ ...state, imageSize: event.currentTarget.value as ImageSize | '' })
              }}
            >
              <option value="">Default (1K)</option>
              {model.imageSizes.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div class="actions">
        <button type="submit" disabled={running || state.prompt.trim() === ''}>
          Generate
        </button>
        {running && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
