import type { SidebarActivity } from '../../contracts/content.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'

const INQUIRY_DAYS = 7
const NOTICE_DAYS = 30

/** What the manager should know: customers who tapped 我想咨询, and items they sent that were withdrawn. */
export async function sidebarActivity(
  ctx: AppContext,
  staff: SessionStaff,
  externalUserId?: string,
): Promise<SidebarActivity> {
  const db = ctx.db.kysely
  const now = ctx.now()
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
    .where('e.staff_userid', '=', staff.userid)
    .where('e.occurred_at', '>=', new Date(now.getTime() - INQUIRY_DAYS * 86_400_000).toISOString())
  if (externalUserId) inquiries = inquiries.where('s.external_userid', '=', externalUserId)
  // Superseded versions are replaced, not withdrawn: only explicit retirements are worth a notice.
  const notices = db
    .selectFrom('content_sends as s')
    .innerJoin('content_items as c', 'c.id', 's.item_id')
    .select([
      'c.root_id as rootId',
      'c.title',
      'c.retired_reason as reason',
      'c.retired_at as retiredAt',
      (eb) => eb.fn.count<number>('s.external_userid').distinct().as('recipients'),
    ])
    .where('s.staff_userid', '=', staff.userid)
    .where('s.sent_at', 'is not', null)
    .where('c.status', '=', 'retired')
    .where('c.retired_reason', '!=', 'superseded')
    .where('c.retired_at', '>=', new Date(now.getTime() - NOTICE_DAYS * 86_400_000).toISOString())
    .groupBy(['c.root_id', 'c.title', 'c.retired_reason', 'c.retired_at'])
  const [inquiryRows, noticeRows] = await Promise.all([
    inquiries.orderBy('e.occurred_at', 'desc').limit(20).execute(),
    notices.orderBy('c.retired_at', 'desc').limit(10).execute(),
  ])
  return {
    inquiries: inquiryRows.map((r) => ({
      sendId: r.sendId,
      title: r.title,
      contactName: r.contactName ?? '客户',
      externalUserId: r.externalUserId,
      at: r.at,
    })),
    notices: noticeRows.map((r) => ({
      rootId: Number(r.rootId),
      title: r.title,
      reason: r.reason ?? '',
      retiredAt: r.retiredAt!,
      recipients: Number(r.recipients),
    })),
  }
}
