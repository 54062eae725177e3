export type BranchLevel = 'head' | 'branch' | 'sub'
/** `admin`: the bank's IT, who loads CRM and staff data; sees no customer contacts. */
export type StaffRole = 'front' | 'middle' | 'supervisor' | 'admin'

export interface BranchesTable {
  id: string
  name: string
  parent_id: string | null
  level: BranchLevel
  province: string
  crm_fingerprint: string | null
}

export interface StaffTable {
  /** The bank's employee id. */
  id: string
  /** Null while the employee has no WeCom account. */
  wecom_userid: string | null
  name: string
  title: string
  role: StaffRole
  branch_id: string
  /** 1 = active, 0 = left or disabled; inactive staff cannot sign in. */
  active: number
  crm_fingerprint: string | null
}
