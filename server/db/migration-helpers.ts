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

/**
 * Adds the review workflow columns (server/features/review/workflow.ts) to a `createTable` builder, so every
 * reviewed table matches. Frozen as of migration 007: a later column is added by a migration of its own.
 */
export function addReviewColumns<T extends string, C extends string>(tb: CreateTableBuilder<T, C>) {
  return tb
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('author_staff_id', 'text', (c) => c.notNull())
    .addColumn('reviewer_staff_id', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approval_no', 'text', (c) => c.unique())
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('root_id', 'integer')
    .addColumn('rejection_reason', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('retired_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
}
