import type { AspectRatio, ImageSize, ModelInfo } from '../../protocol/api'
import type { Options, RatioChoice } from '../options/options'

/** Model, aspect ratio and size, offering only what the chosen model supports. */
export function OptionsPanel(props: {
  models: ModelInfo[]
  options: Options
  matched: AspectRatio | undefined
  onChange: (options: Options) => void
}) {
  const model = props.models.find((m) => m.id === props.options.model)
  const set = (patch: Partial<Options>): void => {
    props.onChange({ ...props.options, ...patch })
  }
  return (
    <fieldset class="options">
      <legend>Options</legend>
      <label class="model">
        Model
        <select
          value={props.options.model}
          onChange={(e) => {
            set({ model: e.currentTarget.value })
          }}
        >
          {props.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Aspect ratio
        <select
          value={props.options.ratio}
          onChange={(e) => {
            set({ ratio: e.currentTarget.value as RatioChoice })
          }}
        >
          {/* With nothing to match (Create), "match" sends no ratio and Gemini makes 1:1. */}
          <option value="match">
            {props.matched === undefined ? 'Default (1:1)' : `Match frame (${props.matched})`}
          </option>
          {(model?.aspectRatios ?? []).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      {model !== undefined && model.imageSizes.length > 0 ? (
        <label>
          Size
          <select
            value={props.options.size}
            onChange={(e) => {
              set({ size: e.currentTarget.value as ImageSize })
            }}
          >
            {model.imageSizes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Variants
        <select
          value={String(props.options.variants)}
          onChange={(e) => {
            set({ variants: Number(e.currentTarget.value) })
          }}
        >
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  )
}
