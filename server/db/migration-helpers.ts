import type { CreateTableBuilder } from 'kysely'
import type { Pii } from '../lib/pii.js'
import type { DialectName } from './connect.js'

export interface MigrationContext {
  dialect: DialectName
  /** Encrypts data an upgrade moves into encrypted columns; only needed when such rows exist. */
  pii?: Pii
}

/** Adds an auto-increment integer primary key `id`, spelled the way each dialect wants it. */
export function autoId<T extends string>(table: CreateTableBuilder<T, never>, dialect: DialectName) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
}
