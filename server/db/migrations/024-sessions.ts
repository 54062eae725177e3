import { sql, type Kysely, type Migration } from 'kysely'
import type { MigrationContext } from '../migration-helpers.js'

// A change to who someone is (role, branch, leaving, another WeCom account) ends their sessions,
// whoever writes it: the CRM import, the directory sync, an admin, or SQL by hand.
const CHANGED = ['role', 'branch_id', 'active', 'wecom_userid']

/** Server-side sessions: the cookie holds a random token, the table its SHA-256, so each can be ended. */
export const sessions = ({ dialect }: MigrationContext): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sessions_staff_idx').on('sessions').column('staff_id').execute()
    const changed = CHANGED.map((c) =>
      dialect === 'sqlite' ? `old.${c} is not new.${c}` : `old.${c} is distinct from new.${c}`,
    ).join(' or ')
    const statements =
      dialect === 'sqlite'
        ? [
            `create trigger staff_sessions_end_update after update on staff for each row when ${changed}
             begin delete from sessions where staff_id = old.id; end`,
            `create trigger staff_sessions_end_delete after delete on staff for each row
             begin delete from sessions where staff_id = old.id; end`,
          ]
        : [
            `create function staff_sessions_end() returns trigger language plpgsql as $$
             begin delete from sessions where staff_id = old.id; return null; end $$`,
            `create trigger staff_sessions_end_update after update on staff for each row when (${changed})
             execute function staff_sessions_end()`,
            `create trigger staff_sessions_end_delete after delete on staff for each row
             execute function staff_sessions_end()`,
          ]
    for (const statement of statements) await sql.raw(statement).execute(db)
  },
})
