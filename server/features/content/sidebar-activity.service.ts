import type { SidebarActivity } from '../../contracts/content.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { listRecentInquiries, listWithdrawnSentItems } from './sidebar-activity.repository.js'

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
  const [inquiryRows, noticeRows] = await Promise.all([
    listRecentInquiries(
      db,
      staff.userid,
      new Date(now.getTime() - INQUIRY_DAYS * 86_400_000).toISOString(),
      externalUserId,
    ),
    listWithdrawnSentItems(db, staff.userid, new Date(now.getTime() - NOTICE_DAYS * 86_400_000).toISOString()),
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
