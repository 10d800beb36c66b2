/** Before Iterate: whether Generate continues the conversation, or why it starts afresh. */
export function ConversationNotice({
  notice,
}: {
  notice: { continues: boolean; text: string } | undefined
}) {
  if (notice === undefined) return null
  return (
    <p class={notice.continues ? 'muted' : 'notice'} data-testid="conversation" role="status">
      {notice.text}
    </p>
  )
}
