import type { ComplianceFindingDto } from '@contracts/review'
import { ref } from 'vue'
import { confirmDelivered, showSendError } from '@/features/review'
import { sendText } from '@/features/wecom'
import { markReplySent, prepareReply, type ChatTarget } from './replies.api'

export type ReplySource = { qaItemId: number } | { escalationId: number }

/**
 * Sends an answer into the chat: the server checks it (edits are re-checked for compliance) and
 * returns the exact text, WeCom sends it, then the server logs `reply_used`. Blocking findings come
 * back in `findings` for the edit sheet to show; nothing is sent then.
 */
export function useSendReply(target: () => ChatTarget) {
  const sending = ref(false)
  const findings = ref<ComplianceFindingDto[]>([])

  async function send(source: ReplySource, text: string): Promise<boolean> {
    sending.value = true
    findings.value = []
    try {
      const prepared = await prepareReply({ ...target(), ...source, text })
      await sendText(prepared.text)
      findings.value = prepared.findings
      await confirmDelivered(() => markReplySent(prepared.id))
      return true
    } catch (err) {
      showSendError(err, findings)
      return false
    } finally {
      sending.value = false
    }
  }

  return { sending, findings, send }
}
