import type { Generated } from 'kysely'
import type { ReviewColumns } from '../review/index.js'

export interface WelcomeMessagesTable extends ReviewColumns {
  id: Generated<number>
  /** The middle office's own name for it; never sent. */
  title: string
  text: string
  /** null = the default for every branch; otherwise it wins for members of that branch. */
  branch_id: string | null
  /** Optional link card sent with the text (send_welcome_msg `attachments[0].link`). */
  link_title: string | null
  link_url: string | null
  link_desc: string | null
}

/**
 * `sent` WeCom took it; `code_used` 41051 (chat started, code used or expired); `too_late` the 20 s had passed
 * before we could send; `failed` any other WeCom or network error; `no_message` nothing approved to send.
 */
export type WelcomeResult = 'sent' | 'code_used' | 'too_late' | 'failed' | 'no_message'

export interface WelcomeSendsTable {
  id: Generated<number>
  welcome_code: string
  staff_userid: string
  external_userid: string
  message_id: number | null
  approval_no: string | null
  result: WelcomeResult
  errcode: number | null
  error: string | null
  code_issued_at: string
  attempted_at: string
}
