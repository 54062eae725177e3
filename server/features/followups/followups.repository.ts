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

/**
 * A manager's follow-ups that are due (next day on or before `day`) on contacts still theirs, where no later note
 * shows the follow-up happened; the most overdue first.
 */
export async function listDueFollowups(
  db: Q,
  staffUserid: string,
  day: string,
): Promise<{ external_userid: string; name: string; next_on: string | null; note: string }[]> {
  return db
    .selectFrom('followups as f')
    .innerJoin('wecom_contacts as wc', (j) =>
      j.onRef('wc.external_userid', '=', 'f.external_userid').onRef('wc.staff_userid', '=', 'f.staff_userid'),
    )
    .select(['f.external_userid', 'wc.name', 'f.next_on', 'f.note'])
    .where('f.staff_userid', '=', staffUserid)
    .where('f.next_on', '<=', day)
    .where('wc.deleted_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('followups as later')
            .select('later.id')
            .whereRef('later.external_userid', '=', 'f.external_userid')
            .whereRef('later.staff_userid', '=', 'f.staff_userid')
            .whereRef('later.id', '>', 'f.id'),
        ),
      ),
    )
    .orderBy('f.next_on')
    .limit(30)
    .execute()
}
