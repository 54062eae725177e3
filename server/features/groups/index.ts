/** Public face of the groups feature: what other features may import. */
export { requireOwnGroup } from './group-access.js'
