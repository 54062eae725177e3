import { z } from 'zod'

export const JsSignaturesBody = z.object({ url: z.string().min(8).max(2048) })

const Signature = z.object({ timestamp: z.number().int(), nonceStr: z.string(), signature: z.string() })

/** Both JS-SDK signatures for one page URL: corp ticket (config) and app ticket (agentConfig). */
export const JsSignaturesResponse = z.object({
  corpId: z.string(),
  agentId: z.string(),
  corp: Signature,
  agent: Signature,
})
export type JsSignatures = z.infer<typeof JsSignaturesResponse>

export const CHAT_ENTRIES = [
  'contact_profile',
  'single_chat_tools',
  'group_chat_tools',
  'chat_attachment',
  'single_kf_tools',
  'chain_single_chat_tools',
  'chain_group_chat_tools',
  'internal_group_chat_board',
  'normal',
] as const
export type ChatEntry = (typeof CHAT_ENTRIES)[number]
