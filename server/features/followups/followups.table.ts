/** 跟进记录: a manager's note on a customer; `next_on` (YYYY-MM-DD, Beijing) feeds their to-do list. */
export interface FollowupsTable {
  id: number
  external_userid: string
  staff_userid: string
  /** ID and phone numbers already masked. */
  note: string
  next_on: string | null
  created_at: string
}
