import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { ModelInfo } from '../protocol/api'
import { createApiClient } from '../client/api-client'
import type { ClientError } from '../client/client-error'
import { nextStep } from '../client/next-step'
import { reconnectingText, serverStageText } from '../client/stage-text'
import { forgetToken, readToken, saveToken } from './access'
import { AccessForm } from './access-form'
import { ComposeForm, type ComposeState } from './compose-form'
import { Gallery } from './gallery'
import { readReference, type StudioReference } from './reference-file'
import { ReferencesPanel } from './references-panel'
import type { StudioResult } from './studio-result'

type Connection =
  | { kind: 'loading' }
  | { kind: 'ready'; models: ModelInfo[] }
  | { kind: 'needs-token'; message: string }
  | { kind: 'failed'; error: ClientError }

interface Run {
  startedAt: number
  stage: string
  thought?: string
  abort: AbortController
}

function ErrorNotice({ error }: { error: ClientError }) {
  return (
    <div class="card error" role="alert">
      <p>{error.message}</p>
      <p class="next">{nextStep(error.code)}</p>
    </div>
  )
}

/** Peel Studio: the plugin's generator in a page of its own, talking to the server that serves it. */
export function Studio() {
  const [token, setToken] = useState(readToken)
  const api = useMemo(
    () => createApiClient({ baseUrl: window.location.origin, token, geminiKey: '' }),
    [token]
  )
  const [connection, setConnection] = useState<Connection>({ kind: 'loading' })
  const [compose, setCompose] = useState<ComposeState>({
    prompt: '',
    modelId: '',
    aspectRatio: '',
    imageSize: '',
  })
  const [run, setRun] = useState<Run | undefined>()
  const [now, setNow] = useState(Date.now())
  const [failure, setFailure] = useState<ClientError | undefined>()
  const [results, setResults] = useState<StudioResult[]>([])
  const [references, setReferences] = useState<StudioReference[]>([])
  const [referenceNotice, setReferenceNotice] = useState<string | undefined>()
  const running = useRef(false)
  const models = connection.kind === 'ready' ? connection.models : []
  const limit = models.find((model) => model.id === compose.modelId)?.maxReferences ?? 0

  const addFiles = async (files: Iterable<File>) => {
    const room = limit - references.length
    const list = [...files]
    const added: StudioReference[] = []
    const problems: string[] = []
    for (const file of list.slice(0, Math.max(0, room))) {
      const made = await readReference(file)
      if ('error' in made) problems.push(made.error)
      else added.push(made)
    }
    if (list.length > room) {
      problems.push(`This model takes ${String(limit)} references; remove one to add another.`)
    }
    setReferences((current) => [...current, ...added].slice(0, limit))
    setReferenceNotice(problems.length === 0 ? undefined : problems.join(' '))
  }

  // Files dropped anywhere on the page, or pasted, are added like picked ones.
  const addRef = useRef(addFiles)
  addRef.current = addFiles
  useEffect(() => {
    const onDrop = (event: DragEvent) => {
      event.preventDefault()
      const files = event.dataTransfer?.files
      if (files !== undefined && files.length > 0) void addRef.current(files)
    }
    const onDragOver = (event: DragEvent) => {
      event.preventDefault()
    }
    const onPaste = (event: ClipboardEvent) => {
      const files = event.clipboardData?.files
      if (files !== undefined && files.length > 0) {
        event.preventDefault()
        void addRef.current(files)
      }
    }
    document.addEventListener('drop', onDrop)
    document.addEventListener('dragover', onDragOver)
    document.addEventListener('paste', onPaste)
    return () => {
      document.removeEventListener('drop', onDrop)
      document.removeEventListener('dragover', onDragOver)
      document.removeEventListener('paste', onPaste)
    }
  }, [])

  useEffect(() => {
    const abort = new AbortController()
    void api.models({ signal: abort.signal }).then((reply) => {
      if (abort.signal.aborted) return
      if (reply.ok) {
        setConnection({ kind: 'ready', models: reply.data.models })
        const fallback = reply.data.models.find((model) => model.default) ?? reply.data.models[0]
        setCompose((state) =>
          state.modelId === '' ? { ...state, modelId: fallback?.id ?? '' } : state
        )
      } else if (reply.error.code === 'unauthorized') {
        setConnection({
          kind: 'needs-token',
          message:
            token === ''
              ? 'This Peel server needs a token. Ask whoever runs it for one.'
              : 'The server refused that token. Check it and sign in again.',
        })
      } else setConnection({ kind: 'failed', error: reply.error })
    })
    return () => {
      abort.abort()
    }
  }, [api, token])

  // The elapsed time ticks while a generation runs, and only then.
  useEffect(() => {
    if (run === undefined) return
    const timer = setInterval(() => {
      setNow(Date.now())
    }, 250)
    return () => {
      clearInterval(timer)
    }
  }, [run])

  const generate = async (models: readonly ModelInfo[]) => {
    if (running.current) return
    running.current = true
    const abort = new AbortController()
    const startedAt = Date.now()
    setFailure(undefined)
    setNow(startedAt)
    setRun({ startedAt, stage: serverStageText('queued'), abort })
    const request = {
      prompt: compose.prompt,
      model: compose.modelId,
      ...(compose.aspectRatio === '' ? {} : { aspectRatio: compose.aspectRatio }),
      ...(compose.imageSize === '' ? {} : { imageSize: compose.imageSize }),
      references: references.map(({ mimeType, data, role, name }) => ({
        mimeType,
        data,
        role,
        name,
      })),
    }
    const reply = await api.generateStream(request, {
      signal: abort.signal,
      onUpdate: (update) => {
        setRun((current) => {
          if (current === undefined) return current
          if (update.kind === 'progress')
            return { ...current, stage: serverStageText(update.progress.stage) }
          if (update.kind === 'thought') return { ...current, thought: update.text }
          if (update.kind === 'reconnecting')
            return { ...current, stage: reconnectingText(update.attempt, update.of) }
          return current
        })
      },
    })
    running.current = false
    setRun(undefined)
    if (reply.ok) {
      const label = models.find((model) => model.id === reply.data.model)?.label ?? reply.data.model
      setResults((list) => [
        {
          id: reply.data.id,
          prompt: request.prompt,
          modelLabel: label,
          images: reply.data.images,
          elapsedMs: Date.now() - startedAt,
        },
        ...list,
      ])
    } else if (reply.error.code !== 'aborted') setFailure(reply.error)
  }

  const signOut = () => {
    forgetToken()
    setToken('')
    setResults([])
  }

  return (
    <main>
      <header>
        <h1>Peel Studio</h1>
        {token !== '' && (
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      {connection.kind === 'loading' && <p>Connecting to the Peel server…</p>}
      {connection.kind === 'failed' && <ErrorNotice error={connection.error} />}
      {connection.kind === 'needs-token' && (
        <AccessForm
          message={connection.message}
          onSubmit={(value, remember) => {
            saveToken(value, remember)
            setToken(value)
          }}
        />
      )}
      {connection.kind === 'ready' && (
        <>
          <ComposeForm
            models={connection.models}
            state={compose}
            running={run !== undefined}
            onChange={setCompose}
            onGenerate={() => void generate(connection.models)}
            onCancel={() => run?.abort.abort()}
          />
          <ReferencesPanel
            references={references}
            limit={limit}
            notice={referenceNotice}
            onAdd={(files) => void addFiles(files)}
            onChange={setReferences}
          />
          {run !== undefined && (
            <div class="card progress" role="status">
              <p>
                {run.stage} {((now - run.startedAt) / 1000).toFixed(1)} s
              </p>
              {run.thought !== undefined && <p class="thought">{run.thought}</p>}
            </div>
          )}
          {failure !== undefined && <ErrorNotice error={failure} />}
          <Gallery results={results} />
        </>
      )}
    </main>
  )
}
