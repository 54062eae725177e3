import type { PublicContent } from '@contracts/content'
import { http } from '@/shared/http'

export async function fetchPublicContent(sendId: string): Promise<PublicContent> {
  return (await http.get<PublicContent>(`/public/content/${sendId}`)).data
}
export async function reportOpen(sendId: string, deviceId: string): Promise<void> {
  await http.post(`/public/content/${sendId}/open`, { deviceId })
}
export async function reportInquiry(sendId: string, deviceId: string): Promise<void> {
  await http.post(`/public/content/${sendId}/inquiry`, { deviceId })
}
/** 不再接收此类推送: the customer opts out of marketing; repeating it changes nothing. */
export async function optOut(sendId: string): Promise<void> {
  await http.post(`/public/content/${sendId}/opt-out`)
}

const DEVICE_KEY = 'advisor-device-id'

/** A random id kept on this phone, so one customer opening a link twice counts once; no PII. */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY)
  if (!id) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
    localStorage.setItem(DEVICE_KEY, id)
  }
  return id
}
