/** A labelled password field for a token or key: never shown, never autofilled. */
export function SecretField(props: {
  label: string
  value: string
  onInput: (value: string) => void
}) {
  return (
    <label>
      {props.label}
      <input
        type="password"
        autoComplete="off"
        value={props.value}
        onInput={(e) => {
          props.onInput(e.currentTarget.value)
        }}
      />
    </label>
  )
}
