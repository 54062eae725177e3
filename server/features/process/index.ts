/** Public face of the process feature: what other features may import. */
export { resolveScope } from './dashboard/scope.js'
export { refreshDashboardRollups } from './rollups/dashboard-rollups.js'
export { createEventFold, refreshRollups } from './rollups/rollups.service.js'
export { runJob } from './sync/sync.service.js'
export { withRollupTriggersSuspended } from './rollups/rollup-triggers.repository.js'
