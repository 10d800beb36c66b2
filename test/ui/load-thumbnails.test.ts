import { afterEach, describe, expect, it, vi } from 'vitest'

import type { MethodResult } from '../../protocol/messages'
import { loadThumbnails } from '../../ui/hooks/use-thumbnails'
import type { RpcClient } from '../../ui/rpc'
import { exportedImages } from './fake-rpc'

type Exported = MethodResult<'exportReferences'>

/** An rpc whose one export answers when the test says so. */
function slowExport() {
  let answer: (result: Exported) => void = () => undefined
  const rpc = {
    call: () =>
      new Promise<Exported>((resolve) => {
        answer = resolve
      }),
    on: () => () => undefined,
    dispose: () => undefined,
  } as unknown as RpcClient
  const result: Exported = exportedImages(['1:1', '1:2'])
  return {
    rpc,
    answer: () => {
      answer(result)
    },
  }
}

/** Counts object URLs made and not yet revoked. */
function trackUrls() {
  const open = new Set<string>()
  const create = URL.createObjectURL.bind(URL)
  const revoke = URL.revokeObjectURL.bind(URL)
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = create(blob)
    open.add(url)
    return url
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
    open.delete(url)
    revoke(url)
  })
  return open
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  vi.restoreAllMocks()
})

describe('loadThumbnails', () => {
  it('shows the URLs and revokes every one on cleanup', async () => {
    const open = trackUrls()
    const { rpc, answer } = slowExport()
    const show = vi.fn()
    const cleanup = loadThumbnails(rpc, ['1:1', '1:2'], show)
    answer()
    await settle()
    expect(open.size).toBe(2)
    expect([...(show.mock.calls[0]?.[0] as Map<string, string>).keys()]).toEqual(['1:1', '1:2'])
    cleanup()
    expect(open.size).toBe(0)
  })

  it('makes no URLs when the selection changed before the export answered', async () => {
    const open = trackUrls()
    const { rpc, answer } = slowExport()
    const show = vi.fn()
    const cleanup = loadThumbnails(rpc, ['1:1', '1:2'], show)
    cleanup()
    answer()
    await settle()
    expect(open.size).toBe(0)
    expect(show).not.toHaveBeenCalled()
  })
})
