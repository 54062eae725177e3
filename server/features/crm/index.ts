/** Public face of the crm feature: what other features may import. */
export type { CrmPage, CrmSource } from './crm-source.js'
export type { NumberedRecord } from './crm-writer.js'
export type { ProductType, Segment } from './crm.table.js'
export { sealCustomerPii } from './entity-tables.js'
export type { CrmCustomer, CrmEntity, CrmHolding, CrmPurchase, CrmRecords } from './records.js'
