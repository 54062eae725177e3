/** One signed-in session; the cookie holds the token whose SHA-256 is `id`. */
export interface SessionsTable {
  id: string
  staff_id: string
  /** epoch ms */
  created_at: number
  /** epoch ms */
  expires_at: number
}
