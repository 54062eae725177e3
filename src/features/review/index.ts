/** Public face of the review feature: what other features may import. */
export { REVIEW_STATUS } from './review-status'
export { beijingToday } from './review-status'
export { confirmDelivered } from './confirm-delivered'
export { default as ComplianceFindingList } from './ComplianceFindingList.vue'
export { lastValidDay } from './review-status'
export { showSendError } from './show-send-error'
