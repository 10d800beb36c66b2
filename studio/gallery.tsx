import { base64ToBytes } from '../client/base64'
import { downloadName, fullSize, type StudioResult } from './studio-result'

// Through a Blob URL: a 4K original is tens of megabytes, too much for a data: link.
function download(result: StudioResult, index: number): void {
  const image = result.images[index]
  if (image === undefined) return
  const file = fullSize(image)
  const bytes = base64ToBytes(file.data)
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = downloadName(result, index)
  link.click()
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 60_000)
}

/** Every result of this visit, newest first, each image with its full-size download. */
export function Gallery({ results }: { results: readonly StudioResult[] }) {
  if (results.length === 0) return <p class="empty">Results appear here.</p>
  return (
    <ul class="gallery" aria-label="Generations">
      {results.flatMap((result) =>
        result.images.map((image, index) => {
          const file = fullSize(image)
          return (
            <li class="card result" key={`${result.id}-${String(index)}`}>
              <img
                src={`data:${image.mimeType};base64,${image.data}`}
                alt={result.prompt}
                width={image.width}
                height={image.height}
              />
              <p class="prompt">{result.prompt}</p>
              <p class="meta">
                {result.modelLabel} · {file.width}×{file.height} ·{' '}
                {(result.elapsedMs / 1000).toFixed(1)} s
              </p>
              <button
                type="button"
                onClick={() => {
                  download(result, index)
                }}
              >
                Download
              </button>
            </li>
          )
        })
      )}
    </ul>
  )
}
