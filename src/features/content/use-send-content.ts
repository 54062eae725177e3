import type { ChatMessage } from '@contracts/content'
import type { ComplianceFindingDto } from '@contracts/review'
import { showToast } from 'vant'
import { ref } from 'vue'
import { showSendError } from '@/features/review/show-send-error'
import { WecomError } from '@/features/wecom/wecom-errors'
import { sendImage, sendNews, sendText, shareToExternalMoments } from '@/features/wecom/wecom-sdk'
import { ApiError } from '@/shared/http'
import { showApiError } from '@/shared/show-error'
import { logMoment, markSendDone, prepareSend, type ChatTarget } from './content-sidebar.api'

function deliver(message: ChatMessage): Promise<void> {
  if (message.msgtype === 'text') return sendText(message.text.content)
  if (message.msgtype === 'image') return sendImage(message.image.mediaid)
  return sendNews(message.news)
}

// Confirming is idempotent on the server (by send id). Once WeCom has delivered, keep trying through a
// brief outage (a restart, a dropped connection): an uncounted send tempts the manager to send it again.
const CONFIRM_RETRY_MS = [1000, 3000, 8000]
const retryable = (err: unknown) => err instanceof ApiError && (err.status === 0 || err.status === 429 || err.status >= 500)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** True once the server counted the send; false when it stayed unreachable (the message did go out). */
async function confirmDelivered(sendId: string): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await markSendDone(sendId)
      return true
    } catch (err) {
      if (!retryable(err) || attempt >= CONFIRM_RETRY_MS.length) return false
      await sleep(CONFIRM_RETRY_MS[attempt]!)
    }
  }
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
      if (await confirmDelivered(prepared.sendId)) showToast({ message: '已发送到聊天', type: 'success' })
      else showToast({ message: '已发送到聊天，但发送记录暂未同步，请勿重复发送', duration: 4000 })
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
      if (err instanceof WecomError) showToast(err.kind === 'cancelled' ? '已取消' : '当前客户端不支持直接发朋友圈，请复制后发布')
      else if (err instanceof ApiError) showApiError(err)
      else showToast('复制失败，请长按文字手动复制')
    }
  }

  return { sending, findings, send, shareMoment }
}
