import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { latestEventsBetween } from './last-contacts.repository.js'

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

export async function lastContacts(db: Kysely<Database>, staffUserid: string, externalUserid: string, limit = 5) {
  const rows = await latestEventsBetween(db, staffUserid, externalUserid, limit)
  return rows.map((r) => ({ type: r.type, label: EVENT_LABELS[r.type] ?? r.type, at: r.occurred_at }))
}
