import type { ChatMessage } from '@contracts/content'
import type { ComplianceFindingDto } from '@contracts/review'
import { showToast } from 'vant'
import { ref } from 'vue'
import { confirmDelivered, showSendError } from '@/features/review'
import { sendImage, sendNews, sendText, shareToExternalMoments, WecomError } from '@/features/wecom'
import { ApiError } from '@/shared/http'
import { showApiError } from '@/shared/show-error'
import { logMoment, markSendDone, prepareSend, type ChatTarget } from './content-sidebar.api'

function deliver(message: ChatMessage): Promise<void> {
  if (message.msgtype === 'text') return sendText(message.text.content)
  if (message.msgtype === 'image') return sendImage(message.image.mediaid)
  return sendNews(message.news)
}

/**
 * Sends an item into the chat: the server checks it and builds the message (tracked link, uploaded
 * image), WeCom sends it, then the server counts it. Blocking findings of an edit come back in `findings`.
 */
export function useSendContent(target: () => ChatTarget) {
  const sending = ref(false)
  const findings = ref<ComplianceFindingDto[]>([])

  async function send(itemId: number, opts: { text?: string; as?: 'card' | 'image' } = {}): Promise<boolean> {
    sending.value = true
    findings.value = []
    try {
      const prepared = await prepareSend({ ...target(), itemId, ...opts })
      await deliver(prepared.message)
      await confirmDelivered(() => markSendDone(prepared.sendId))
      return true
    } catch (err) {
      showSendError(err, findings)
      return false
    } finally {
      sending.value = false
    }
  }

  /** Moment copy: clipboard always; WeCom's composer where the client has it (phones). */
  async function shareMoment(itemId: number, text: string, method: 'clipboard' | 'share'): Promise<void> {
    try {
      if (method === 'clipboard') await navigator.clipboard.writeText(text)
      else await shareToExternalMoments(text)
      await logMoment(itemId, method)
      showToast({ message: method === 'clipboard' ? '已复制，可粘贴到朋友圈' : '已打开发表朋友圈', type: 'success' })
    } catch (err) {
      if (err instanceof WecomError)
        showToast(err.kind === 'cancelled' ? '已取消' : '当前客户端不支持直接发朋友圈，请复制后发布')
      else if (err instanceof ApiError) showApiError(err)
      else showToast('复制失败，请长按文字手动复制')
    }
  }

  return { sending, findings, send, shareMoment }
}
