/** Public face of the seed feature: what other features may import. */
export { isSeeded, seedDemoBank } from './seed.js'
