/** Public face of the review feature: what other features may import. */
export { checkCompliance, hasBlocking } from './compliance.js'
export type { ComplianceFinding, ComplianceInput } from './compliance.js'
export { staffNames, toReviewInfo } from './review.repository.js'
export { reviewRoutes } from './review.routes.js'
export type { ReviewColumns } from './review.table.js'
export { validityWindow } from './validity.js'
export {
  STATUS_LABELS,
  approve,
  insertDraft,
  isLive,
  liveSql,
  reject,
  retire,
  saveEdit,
  submitForReview,
  submitForReviewAudited,
} from './workflow.js'
export { pendingRoutes } from './pending.routes.js'
export type { BannedPhrasesTable } from './review.table.js'
