import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../../server/db/database.js'
import type { Pii } from '../../../server/lib/pii.js'
import { insertBranch, insertContact, insertStaff } from '../support/factories.js'
import { client, startTestApp } from '../support/test-app.js'

let seq = 0

/** A CRM customer with only what the process rules read (phone/ID columns stay empty). */
export async function insertCrmCustomer(
  db: Kysely<Database>,
  pii: Pii,
  branchId: string,
  over: Partial<Insertable<Database['customers']>> = {},
) {
  const n = String(++seq).padStart(4, '0')
  const cif = `PC${n}`
  const row: Insertable<Database['customers']> = {
    cif_no: cif,
    name: `客户${n}`,
    phone_enc: pii.encrypt('phone', cif, `1390000${n}`),
    phone_hash: `h${n}`,
    id_no_enc: pii.encrypt('id_no', cif, `33010619800101${n}`),
    id_no_hash: `i${n}`,
    pii_key_id: pii.activeKeyId,
    birth_year: 1980,
    gender: 'F',
    segment: 'private',
    aum_cents: 800_000_000,
    risk_level: 'R3',
    risk_assessed_at: '2026-06-01',
    owner_staff_id: null,
    branch_id: branchId,
    has_account: 1,
    province: '浙江',
    tags: '[]',
    crm_fingerprint: null,
    updated_at: null,
    ...over,
  }
  await db.insertInto('customers').values(row).execute()
  return row
}

export async function bind(
  db: Kysely<Database>,
  externalUserid: string,
  cifNo: string,
  staffUserid: string,
  verifiedAt: string,
  ipProvince: string | null = '浙江',
) {
  const vid = `v-${externalUserid}`
  await db
    .insertInto('verifications')
    .values({
      id: vid,
      token_hash: `t-${externalUserid}`,
      staff_userid: staffUserid,
      external_userid: externalUserid,
      status: 'verified',
      created_at: verifiedAt,
      expires_at: verifiedAt,
      sent_at: verifiedAt,
      opened_at: verifiedAt,
      verified_at: verifiedAt,
      ip_province: ipProvince,
      identity_attempts: 0,
      code_attempts: 0,
    } as never)
    .execute()
  await db
    .insertInto('bindings')
    .values({
      external_userid: externalUserid,
      cif_no: cifNo,
      staff_userid: staffUserid,
      verified_at: verifiedAt,
      method: 'link',
      verification_id: vid,
      ip_province: ipProvince,
    })
    .execute()
}

/** Head office → 杭州分行 → 西湖支行 (two managers) and 滨江支行 (one), a supervisor per level, one middle-office member. */
export async function processWorld(db: Kysely<Database>) {
  const head = await insertBranch(db, { name: '总行', level: 'head' })
  const branch = await insertBranch(db, { name: '杭州分行', level: 'branch', parent_id: head.id })
  const west = await insertBranch(db, { name: '西湖支行', parent_id: branch.id })
  const river = await insertBranch(db, { name: '滨江支行', parent_id: branch.id })
  const other = await insertBranch(db, { name: '宁波分行', level: 'branch', parent_id: head.id })
  const alice = await insertStaff(db, west.id, 'front', { name: '王丽' })
  const bob = await insertStaff(db, west.id, 'front', { name: '赵强' })
  const carol = await insertStaff(db, river.id, 'front', { name: '钱芳' })
  const boss = await insertStaff(db, branch.id, 'supervisor', { name: '孙行长', title: '分行个金部总经理' })
  const outsider = await insertStaff(db, other.id, 'supervisor', { name: '周行长' })
  const middle = await insertStaff(db, head.id, 'middle', { name: '吴中台', title: '中台内容专员' })
  return { head, branch, west, river, other, alice, bob, carol, boss, outsider, middle, insertContact }
}

/** The dashboard tests' clock: Wednesday 2026-11-18, in the week from Monday 11-16. */
export const PROCESS_NOW = new Date('2026-11-18T04:00:00Z')
/** `h` hours after Monday 2026-11-16 09:00 Beijing time. */
export const hoursIntoWeek = (h: number) => new Date(Date.parse('2026-11-16T01:00:00Z') + h * 3600_000).toISOString()

/** A client signed in as `userid` through the demo login. */
export async function signedIn(baseUrl: string, userid: string) {
  const c = client(baseUrl)
  await c.request('POST', '/api/demo/login', { userid })
  return c
}

/** A test app on the dashboard tests' clock with the process world in it. */
export async function startProcessApp() {
  const t = await startTestApp()
  t.setNow(PROCESS_NOW)
  const w = await processWorld(t.ctx.db.kysely)
  return { t, w, db: t.ctx.db.kysely }
}
