import type { JsSignatures } from '@contracts/wecom'
import { http } from '@/shared/http'

export async function fetchJsSignatures(url: string): Promise<JsSignatures> {
  return (await http.post<JsSignatures>('/wecom/js-signatures', { url })).data
}
