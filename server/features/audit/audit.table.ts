export interface AuditLogTable {
  id: number
  at: string
  actor_staff_id: string | null
  action: string
  /** What was touched, e.g. `customer:C000123` or `contact:wmXXXX`. */
  target: string
  outcome: 'allowed' | 'denied'
  ip: string | null
  detail: string
}
