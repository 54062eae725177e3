import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

/** Sends made in [fromIso, toIso) by staff whose current branch is one of `branchIds` (leavers included). */
export function sendsOfBranches(db: Kysely<Database>, branchIds: string[], fromIso: string, toIso: string) {
  return db
    .selectFrom('content_sends as s')
    .innerJoin('content_items as c', 'c.id', 's.item_id')
    .innerJoin('staff as st', 'st.wecom_userid', 's.staff_userid')
    .select(['s.id', 's.root_id', 's.external_userid', 's.chat_id', 's.msgtype', 'c.author_staff_id', 'st.branch_id'])
    .where('s.sent_at', '>=', fromIso)
    .where('s.sent_at', '<', toIso)
    .where('st.branch_id', 'in', branchIds.length ? branchIds : [''])
    .execute()
}

/** Opens and inquiries per send since `fromIso` (a send's events never precede it, so these cover its whole life). */
export async function trackingCountsSince(
  db: Kysely<Database>,
  fromIso: string,
): Promise<{ opens: Map<string, number>; inquiries: Map<string, number> }> {
  const rows = await db
    .selectFrom('events')
    .select(['ref_id', 'type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('type', 'in', ['content_opened', 'content_inquiry'])
    .where('occurred_at', '>=', fromIso)
    .groupBy(['ref_id', 'type'])
    .execute()
  const opens = new Map<string, number>()
  const inquiries = new Map<string, number>()
  for (const r of rows) (r.type === 'content_opened' ? opens : inquiries).set(r.ref_id!, Number(r.n))
  return { opens, inquiries }
}

/** Each root's title as of its latest version. */
export async function latestTitles(db: Kysely<Database>, roots: number[]): Promise<Map<number, string>> {
  if (!roots.length) return new Map()
  const rows = await db
    .selectFrom('content_items')
    .select(['root_id', 'version', 'title'])
    .where('root_id', 'in', roots)
    .orderBy('version')
    .execute()
  return new Map(rows.map((r) => [Number(r.root_id), r.title]))
}
