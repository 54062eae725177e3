import type { Kysely } from 'kysely'

/**
 * A query builder without the schema's types, for queries whose table name is data (the CRM entity tables,
 * the two reviewed libraries): Kysely can only type a table it knows at compile time.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table is chosen at run time
export type UntypedDb = Kysely<any>

export const untyped = <DB>(db: Kysely<DB>): UntypedDb => db as unknown as UntypedDb
