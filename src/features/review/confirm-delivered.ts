import { showToast } from 'vant'
import { ApiError } from '@/shared/http'

// Confirming a send is idempotent on the server (by send id). Once WeCom has delivered, keep trying through a
// brief outage (a restart, a dropped connection): an uncounted send tempts the manager to send it again.
const CONFIRM_RETRY_MS = [1000, 3000, 8000]
const retryable = (err: unknown) =>
  err instanceof ApiError && (err.status === 0 || err.status === 429 || err.status >= 500)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * After WeCom delivered a message: confirms it to the server (retrying through an outage) and tells the
 * manager it went out — and, if the server stayed unreachable, not to send it again.
 */
export async function confirmDelivered(confirm: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await confirm()
      showToast({ message: '已发送到聊天', type: 'success' })
      return
    } catch (err) {
      if (!retryable(err) || attempt >= CONFIRM_RETRY_MS.length) {
        showToast({ message: '已发送到聊天，但发送记录暂未同步，请勿重复发送', duration: 4000 })
        return
      }
      await sleep(CONFIRM_RETRY_MS[attempt]!)
    }
  }
}
