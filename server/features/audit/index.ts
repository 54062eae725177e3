/** Public face of the audit feature: what other features may import. */
export { recordAudit } from './audit.js'
