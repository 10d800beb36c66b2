/** The server to use: a choice when the manifest allows several, else just its address. */
export function ServerField(props: {
  serverUrls: readonly string[]
  value: string
  onChange: (serverUrl: string) => void
}) {
  if (props.serverUrls.length <= 1) return <p class="muted">Server: {props.value}</p>
  return (
    <label>
      Server
      <select
        value={props.value}
        onChange={(e) => {
          props.onChange(e.currentTarget.value)
        }}
      >
        {props.serverUrls.map((url) => (
          <option key={url} value={url}>
            {url}
          </option>
        ))}
      </select>
    </label>
  )
}
