import type { ComplianceFindingDto } from '@contracts/review'
import { showToast } from 'vant'
import { ref } from 'vue'
import { WecomError } from '@/features/wecom/wecom-errors'
import { sendText } from '@/features/wecom/wecom-sdk'
import { ApiError } from '@/shared/http'
import { showApiError } from '@/shared/show-error'
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
      await markReplySent(prepared.id)
      findings.value = prepared.findings
      showToast({ message: '已发送到聊天', type: 'success' })
      return true
    } catch (err) {
      if (err instanceof ApiError && err.code === 'COMPLIANCE_BLOCKED') {
        findings.value = (err.details?.findings as ComplianceFindingDto[] | undefined) ?? []
        showToast('修改后的内容未通过合规检查')
      } else if (err instanceof WecomError) showToast(err.message)
      else showApiError(err)
      return false
    } finally {
      sending.value = false
    }
  }

  return { sending, findings, send }
}
