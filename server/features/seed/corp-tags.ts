import { createHash } from 'node:crypto'
import type { Insertable } from 'kysely'
import type { Database } from '../../db/database.js'
import { DEMO_TAG_CATALOGUE, demoTagId } from '../../lib/demo-corp-tags.js'
import type { MadeCustomer } from './customers.js'

type CorpTagRow = Insertable<Database['corp_tags']>
export type ContactTagRow = Insertable<Database['contact_tags']>

const LEVEL: Record<string, string> = { private: '私行客户', wealth: '财富客户', vip: '贵宾客户' }
const INTEREST: Record<string, string> = {
  fund: '基金',
  gold: '黄金',
  fx: '外汇',
  insurance: '保险',
  wealth: '理财',
  time_deposit: '存款',
}

/** The app's copy of the demo catalogue, as the first catalogue sync would write it. */
export function corpTagCatalogueRows(now: Date): CorpTagRow[] {
  return DEMO_TAG_CATALOGUE.flatMap((g, gi) =>
    g.tags.map((name, ti) => ({
      tag_id: demoTagId(`${g.group}/${name}`),
      group_id: demoTagId(g.group),
      group_name: g.group,
      name,
      group_order: DEMO_TAG_CATALOGUE.length - gi,
      tag_order: g.tags.length - ti,
      deleted: 0,
      synced_at: now.toISOString(),
    })),
  )
}

/** A number in [0, 1) fixed by the customer: tagging draws nothing from the seed's generator, so it moves no other row. */
const share = (key: string) => createHash('sha1').update(key).digest().readUInt32BE(0) / 2 ** 32

/**
 * The corp tags a manager would have put on a customer: about half of the relations carry some — the customer
 * level, interests from the holdings, 代发工资 for payroll customers, 存款即将到期 for a deposit due within 30 days.
 */
export function corpTagsFor(
  made: MadeCustomer,
  externalUserid: string,
  dueBefore: string,
): { group: string; name: string }[] {
  if (share(`tagged:${externalUserid}`) >= 0.55) return []
  const c = made.customer
  const tags: { group: string; name: string }[] = []
  const level = LEVEL[c.segment] ?? (c.segment === 'mass' ? '大众客户' : undefined)
  if (level) tags.push({ group: '客户等级', name: level })
  const interests = [...new Set(made.holdings.flatMap((h) => INTEREST[h.product_type] ?? []))].slice(0, 2)
  for (const name of interests) tags.push({ group: '兴趣偏好', name })
  if (c.segment === 'payroll') tags.push({ group: '客户来源', name: '代发工资' })
  else if (share(`source:${externalUserid}`) < 0.3) tags.push({ group: '客户来源', name: '网点到访' })
  if (made.holdings.some((h) => h.product_type === 'time_deposit' && (h.maturity_date ?? '9999') <= dueBefore))
    tags.push({ group: '服务状态', name: '存款即将到期' })
  return tags
}

/** follow_user[].tags as WeCom stores them for the member (type 1: corp tag). */
export const followTagsJson = (tags: readonly { group: string; name: string }[]) =>
  JSON.stringify(
    tags.map((t) => ({ group_name: t.group, tag_name: t.name, type: 1, tag_id: demoTagId(`${t.group}/${t.name}`) })),
  )

export function contactTagRows(
  staffUserid: string,
  externalUserid: string,
  tags: readonly { group: string; name: string }[],
  at: Date,
): ContactTagRow[] {
  return tags.map((t) => ({
    staff_userid: staffUserid,
    external_userid: externalUserid,
    tag_id: demoTagId(`${t.group}/${t.name}`),
    updated_at: at.toISOString(),
  }))
}
