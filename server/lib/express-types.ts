import type { StaffRole } from '../features/org/org.table.js'

/** The signed-in staff member, re-read from the database on every request. */
export interface SessionStaff {
  id: string
  userid: string
  name: string
  role: StaffRole
  branchId: string
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      requestId: string
      staff?: SessionStaff
    }
  }
}
