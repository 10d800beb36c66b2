import { useState } from 'preact/hooks'

interface AccessFormProps {
  message: string
  onSubmit: (token: string, remember: boolean) => void
}

/** Asks for the server's token when it has tokens and none was given or it was refused. */
export function AccessForm({ message, onSubmit }: AccessFormProps) {
  const [token, setToken] = useState('')
  const [remember, setRemember] = useState(false)
  return (
    <form
      class="card access"
      onSubmit={(event) => {
        event.preventDefault()
        if (token.trim() !== '') onSubmit(token.trim(), remember)
      }}
    >
      <p role="alert">{message}</p>
      <div class="field">
        <label for="studio-token">Token</label>
        <input
          id="studio-token"
          type="password"
          autoComplete="current-password"
          value={token}
          onInput={(event) => {
            setToken(event.currentTarget.value)
          }}
        />
      </div>
      <label class="inline">
        <input
          type="checkbox"
          checked={remember}
          onChange={(event) => {
            setRemember(event.currentTarget.checked)
          }}
        />
        Remember on this device
      </label>
      <button type="submit">Sign in</button>
    </form>
  )
}
