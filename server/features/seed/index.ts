/** Public face of the seed feature: what other features may import. */
export { isSeeded, seedDemoBank } from './seed.js'
export { demoCrmSource } from './demo-crm-source.js'
