import { recordAudit } from '../../../server/features/audit/audit.js'
import { processWorld } from '../process/process-world.js'
import { insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { client, type TestApp } from '../support/test-app.js'

/** The PII every privacy test seeds and then looks for where it must not be. */
export const PERSON = { name: '欧阳淑芬', phone: '13712345678', id_no: '330106198805051234' }

/** Signs in through the demo login as the staff member with this WeCom userid. */
export async function signIn(t: TestApp, userid: string, ip = '192.0.2.10') {
  const c = client(t.baseUrl, { 'x-forwarded-for': ip })
  const res = await c.request('POST', '/api/demo/login', { userid })
  if (res.status !== 200) throw new Error(`login ${userid}: ${res.status}`)
  return c
}

/** The process world (head → 杭州分行 → 西湖/滨江, 宁波分行) plus an admin and a bound customer of 王丽 with known PII. */
export async function privacyWorld(t: TestApp) {
  const db = t.ctx.db.kysely
  const w = await processWorld(db)
  const admin = await insertStaff(db, w.head.id, 'admin', { name: '科技部管理员', title: '系统管理员' })
  const ningbo = await insertStaff(db, w.other.id, 'front', { name: '冯宁' })
  const customer = await insertCustomer(db, w.west.id, { ...PERSON, owner_staff_id: w.alice.id })
  const contact = await insertContact(db, w.alice.wecom_userid, {
    name: PERSON.name,
    remark: `${PERSON.name} 手机${PERSON.phone}`,
    avatar: 'https://wework.qpic.cn/avatar/1',
  })
  await db
    .insertInto('bindings')
    .values({
      external_userid: contact.external_userid,
      cif_no: customer.cif_no,
      staff_userid: w.alice.wecom_userid,
      verified_at: new Date().toISOString(),
      method: 'link',
      verification_id: null,
    })
    .execute()
  return { ...w, db, admin, ningbo, customer, contact }
}

export type PrivacyWorld = Awaited<ReturnType<typeof privacyWorld>>

/** An audit entry at a given instant, as the contact profile writes them. */
export const viewAt = (t: TestApp, staffId: string, externalUserid: string, at: string, cifNo?: string) =>
  recordAudit(
    t.ctx.db.kysely,
    {
      actorStaffId: staffId,
      action: 'contact.view',
      target: `contact:${externalUserid}`,
      outcome: 'allowed',
      ip: '10.1.2.3',
      detail: cifNo ? { cifNo } : {},
    },
    new Date(at),
  )

/** Every rollup row, in a stable order, to compare before and after a purge or an erasure. */
export async function rollupSnapshot(t: TestApp) {
  const db = t.ctx.db.kysely
  const staff = await db
    .selectFrom('staff_daily')
    .selectAll()
    .orderBy('staff_userid')
    .orderBy('day')
    .orderBy('metric')
    .execute()
  const refs = await db.selectFrom('ref_daily').selectAll().orderBy('ref_id').orderBy('day').orderBy('metric').execute()
  return { staff: staff.map((r) => ({ ...r, n: Number(r.n) })), refs: refs.map((r) => ({ ...r, n: Number(r.n) })) }
}

/** Events of a contact that feed both rollup tables (per staff, and per content item through the payload). */
export async function contactEvents(
  t: TestApp,
  staffUserid: string,
  externalUserid: string,
  at: Date,
  n: number,
  tag = 'e',
) {
  const rows = Array.from({ length: n }, (_, i) => ({
    type: i % 2 ? 'content_opened' : 'verify_link_sent',
    staff_userid: staffUserid,
    external_userid: externalUserid,
    ref_id: `ref-${i}`,
    occurred_at: new Date(at.getTime() + i * 1000).toISOString(),
    source: 'public' as const,
    dedupe_key: `${tag}:${externalUserid}:${i}`,
    payload: JSON.stringify({ rootId: 7, note: PERSON.name }),
  }))
  for (let i = 0; i < rows.length; i += 200)
    await t.ctx.db.kysely
      .insertInto('events')
      .values(rows.slice(i, i + 200))
      .execute()
}
