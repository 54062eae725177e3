/** Public face of 客户继承 (在职转接 / 离职继承) and the owner history of relations. */
export { handoverRoutes } from './handover.routes.js'
export { refreshTransfers, startHandoverSchedule } from './handover-poll.js'
export { proposeHandovers } from './proposals.service.js'
export type { OwnerChange } from './proposals.repository.js'
