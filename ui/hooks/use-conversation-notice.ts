import { useEffect, useState } from 'preact/hooks'

import type { ModelInfo } from '../../protocol/api'
import type { IterateTarget } from '../../protocol/messages'
import { switchedModel } from '../conversation/build-history'
import { continuesConversation } from '../conversation/continues-conversation'
import { FALLBACK_SENTENCE } from '../../protocol/conversation'
import type { RpcClient } from '../rpc'

/** Before Iterate: whether Generate will continue the conversation, or why it will start afresh. */
export function useConversationNotice(
  rpc: RpcClient,
  target: IterateTarget | undefined,
  model: ModelInfo | undefined,
  round: unknown
): { continues: boolean; text: string } | undefined {
  const [notice, setNotice] = useState<{ continues: boolean; text: string }>()
  const nodeId = target?.nodeId
  const modelId = continuesConversation(model) ? model?.id : undefined
  useEffect(() => {
    setNotice(undefined)
    if (nodeId === undefined || modelId === undefined) return
    let live = true
    rpc.call('readConversation', { nodeId, bytes: false }).then(
      (read) => {
        if (!live) return
        if (!read.ok) setNotice({ continues: false, text: read.message })
        else if (read.model !== modelId) {
          setNotice({ continues: false, text: `${switchedModel(read.model)} ${FALLBACK_SENTENCE}` })
        } else {
          const turns = read.exchanges.length
          setNotice({
            continues: true,
            text: `Continues the Gemini conversation (${String(turns)} earlier ${turns === 1 ? 'turn' : 'turns'}).`,
          })
        }
      },
      () => undefined
    )
    return () => {
      live = false
    }
  }, [rpc, nodeId, modelId, round])
  return notice
}
