/** The single row (id 1) of retention settings: how many days each kind of record is kept. */
export interface RetentionSettingsTable {
  id: number
  /** Raw decrypted WeCom callbacks (`wecom_callbacks`). */
  callbacks_days: number
  /** Process events (`events`); the daily rollups built from them are kept. */
  events_days: number
  /** Audit entries (`audit_log`). */
  audit_days: number
  updated_at: string | null
  /** Staff id of the admin who last changed them. */
  updated_by: string | null
}
