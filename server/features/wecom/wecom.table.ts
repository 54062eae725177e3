/** Every decrypted callback, stored before we answer WeCom; `processed_at` null = still to process. */
export interface WecomCallbacksTable {
  id: number
  /** `msg:<MsgId>` or `evt:<FromUserName>:<CreateTime>:<Event>:<ChangeType>:<UserID>:<ExternalUserID>` */
  dedupe_key: string
  msg_type: string
  event: string | null
  change_type: string | null
  /** The decrypted inner XML, as received. */
  payload: string
  received_at: string
  processed_at: string | null
  attempts: number
  last_error: string | null
}
