import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** The newest 20 我想咨询 taps on the manager's sends since `since`, of one contact when given. */
export async function listRecentInquiries(db: Q, staffUserid: string, since: string, externalUserId?: string) {
  let inquiries = db
    .selectFrom('events as e')
    .innerJoin('content_sends as s', 's.id', 'e.ref_id')
    .innerJoin('content_items as c', 'c.id', 's.item_id')
    .leftJoin('wecom_contacts as w', (j) =>
      j.onRef('w.external_userid', '=', 's.external_userid').onRef('w.staff_userid', '=', 's.staff_userid'),
    )
    .select([
      's.id as sendId',
      'c.title',
      'w.name as contactName',
      's.external_userid as externalUserId',
      'e.occurred_at as at',
    ])
    .where('e.type', '=', 'content_inquiry')
    .where('e.staff_userid', '=', staffUserid)
    .where('e.occurred_at', '>=', since)
  if (externalUserId) inquiries = inquiries.where('s.external_userid', '=', externalUserId)
  return inquiries.orderBy('e.occurred_at', 'desc').limit(20).execute()
}

/**
 * The newest 10 items the manager sent that were retired since `since`, with how many contacts received them.
 * Superseded versions are replaced, not withdrawn: only explicit retirements are worth a notice.
 */
export async function listWithdrawnSentItems(db: Q, staffUserid: string, since: string) {
  return db
    .selectFrom('content_sends as s')
    .innerJoin('content_items as c', 'c.id', 's.item_id')
    .select([
      'c.root_id as rootId',
      'c.title',
      'c.retired_reason as reason',
      'c.retired_at as retiredAt',
      (eb) => eb.fn.count<number>('s.external_userid').distinct().as('recipients'),
    ])
    .where('s.staff_userid', '=', staffUserid)
    .where('s.sent_at', 'is not', null)
    .where('c.status', '=', 'retired')
    .where('c.retired_reason', '!=', 'superseded')
    .where('c.retired_at', '>=', since)
    .groupBy(['c.root_id', 'c.title', 'c.retired_reason', 'c.retired_at'])
    .orderBy('c.retired_at', 'desc')
    .limit(10)
    .execute()
}
