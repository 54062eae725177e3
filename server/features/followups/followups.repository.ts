import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

export interface FollowupRow {
  id: number
  note: string
  next_on: string | null
  created_at: string
  staff_userid: string
  staff_name: string | null
}

/** A contact's notes, newest first, with the writer's name (bounded: the sidebar shows the latest). */
export async function listFollowups(db: Q, externalUserid: string, limit = 50): Promise<FollowupRow[]> {
  return db
    .selectFrom('followups as f')
    .leftJoin('staff as s', 's.wecom_userid', 'f.staff_userid')
    .select(['f.id', 'f.note', 'f.next_on', 'f.created_at', 'f.staff_userid', 's.name as staff_name'])
    .where('f.external_userid', '=', externalUserid)
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(limit)
    .execute()
}

export async function insertFollowup(
  db: Q,
  row: { externalUserid: string; staffUserid: string; note: string; nextOn: string | null; at: Date },
): Promise<number> {
  const inserted = await db
    .insertInto('followups')
    .values({
      external_userid: row.externalUserid,
      staff_userid: row.staffUserid,
      note: row.note,
      next_on: row.nextOn,
      created_at: row.at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(inserted.id)
}
