/** Public face of the content feature: what other features may import. */
export type { ContentTopic } from './content.table.js'
export { upsertPoints } from './market-series.repository.js'
