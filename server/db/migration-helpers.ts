import type { CreateTableBuilder } from 'kysely'
import type { DialectName } from './connect.js'

export interface MigrationContext {
  dialect: DialectName
}

/** Adds an auto-increment integer primary key `id`, spelled the way each dialect wants it. */
export function autoId<T extends string>(table: CreateTableBuilder<T, never>, dialect: DialectName) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
}
