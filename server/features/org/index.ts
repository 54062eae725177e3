/** Public face of the org feature: what other features may import. */
export {
  branchName,
  branchesOfStaff,
  branchSubtreeIds,
  findActiveStaffById,
  findActiveStaffByUserid,
  findStaffWithProvince,
  isReviewer,
  listStaffOfBranches,
  listActiveStaffWithBranch,
  staffExists,
} from './org.repository.js'
export type { BranchLevel, StaffRole } from './org.table.js'
