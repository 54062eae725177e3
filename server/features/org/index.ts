/** Public face of the org feature: what other features may import. */
export {
  branchSubtreeIds,
  findActiveStaffById,
  findActiveStaffByUserid,
  listActiveStaffWithBranch,
} from './org.repository.js'
export type { BranchLevel, StaffRole } from './org.table.js'
