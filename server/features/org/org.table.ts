export type BranchLevel = 'head' | 'branch' | 'sub'
export type StaffRole = 'front' | 'middle' | 'supervisor'

export interface BranchesTable {
  id: string
  name: string
  parent_id: string | null
  level: BranchLevel
  province: string
}

export interface StaffTable {
  /** The bank's employee id. */
  id: string
  wecom_userid: string
  name: string
  title: string
  role: StaffRole
  branch_id: string
  /** 1 = active, 0 = left or disabled; inactive staff cannot sign in. */
  active: number
}
