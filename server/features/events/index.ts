/** Public face of the events feature: what other features may import. */
export { appendEvent } from './events.js'
