import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { preparedQuery } from '../../db/prepared.js'

const EVENT_LABELS: Record<string, string> = {
  contact_added: '添加为企业微信好友',
  contact_deleted: '删除好友关系',
  contact_edited: '修改备注或标签',
  verify_link_sent: '发送实名认证链接',
  verify_opened: '客户打开认证链接',
  verified: '完成实名认证',
  content_sent: '发送内容',
  content_opened: '客户打开内容',
  content_inquiry: '客户发起咨询',
  reply_used: '使用话术回复',
  escalation_created: '提交问中台',
  escalation_answered: '中台已解答',
}

/** The most recent things that happened between this manager and this contact. */
export const latestEvents = preparedQuery<
  { staffUserid: string; externalUserid: string; limit: number },
  { type: string; occurred_at: string }
>((db, param) =>
  db
    .selectFrom('events')
    .select(['type', 'occurred_at'])
    .where('external_userid', '=', param('externalUserid'))
    .where('staff_userid', '=', param('staffUserid'))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(param('limit')),
)

export async function lastContacts(db: Kysely<Database>, staffUserid: string, externalUserid: string, limit = 5) {
  const rows = await latestEvents.execute(db, { staffUserid, externalUserid, limit })
  return rows.map((r) => ({ type: r.type, label: EVENT_LABELS[r.type] ?? r.type, at: r.occurred_at }))
}
