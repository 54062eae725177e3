/** Public face of the replies feature: what other features may import. */
export { readContactContext } from './contact-context.js'
export { publishQaEntry } from './qa-library.service.js'
export type { QaTopic } from './replies.table.js'
export { slaDueAt } from './sla.js'
export { slaHoursFor } from './sla.js'
