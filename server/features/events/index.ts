/** Public face of the events feature: what other features may import. */
export { appendEvent, eventWithKeyExists } from './events.repository.js'
