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
  /** When a failed delivery may be tried again (exponential backoff with jitter); null = now. */
  next_attempt_at: string | null
  /** Set once the delivery gave up after the last attempt: the admin's dead-letter list. */
  dead_at: string | null
}

/** Pairs WeCom listed for the member batch being imported; cleared when the batch is reconciled. */
export interface WecomImportSeenTable {
  staff_userid: string
  external_userid: string
}

export type ImportMode = 'initial' | 'reconcile'
export type ImportStatus = 'running' | 'finished' | 'failed'

/** The relation import's resumable position: member batch and WeCom cursor, committed with each page. */
export interface WecomImportStateTable {
  job: string
  run_id: number
  mode: ImportMode
  status: ImportStatus
  /** JSON array of the member userids snapshotted when the run started (sorted). */
  members: string
  batch_index: number
  cursor: string
  pages: number
  seen: number
  added: number
  removed: number
  last_error: string | null
  started_at: string
  updated_at: string
  finished_at: string | null
}
