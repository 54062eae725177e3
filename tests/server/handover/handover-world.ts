import type { Kysely } from 'kysely'
import type { Database } from '../../../server/db/database.js'
import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { startSimulatorProxy } from '../support/simulator-proxy.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

export const T0 = new Date('2026-03-02T02:00:00.000Z')
export const HOUR = 3600_000

/** The app with WeCom = its own simulator (through a proxy), on a clock the test moves. */
export async function startHandoverApp() {
  const proxy = await startSimulatorProxy()
  const app = await startTestApp({ WECOM_API_BASE: proxy.base })
  proxy.state.target = app.baseUrl
  app.setNow(T0)
  return {
    app,
    proxy,
    close: async () => {
      await app.close()
      await proxy.close()
    },
  }
}

export async function signIn(app: TestApp, userid: string) {
  const c = client(app.baseUrl)
  await c.request('POST', '/api/demo/login', { userid })
  return c
}

/** A customer bound to a CRM record and followed by `holder`, mirrored in the simulator's world. */
export async function friend(
  db: Kysely<Database>,
  branchId: string,
  holder: string,
  ownerStaffId: string,
  addTime: Date,
  n: number,
) {
  const ext = `wmHANDOVER${String(n).padStart(4, '0')}xxxxxxxxxxxxxxxx`
  const customer = await insertCustomer(db, branchId, { owner_staff_id: ownerStaffId })
  await insertContact(db, holder, { external_userid: ext, add_time: addTime.toISOString(), name: `客户${n}` })
  await db
    .insertInto('bindings')
    .values({
      external_userid: ext,
      cif_no: customer.cif_no,
      staff_userid: holder,
      verified_at: new Date(addTime.getTime() + 60_000).toISOString(),
      method: 'link',
      verification_id: null,
      ip_province: '浙江',
    })
    .execute()
  await db
    .insertInto('sim_people')
    .values({
      external_userid: ext,
      name: `客户${n}`,
      phone: '13800000000',
      gender: 1,
      type: 1,
      corp_name: null,
      avatar: '',
      unionid: null,
      province: '浙江',
    })
    .execute()
  await db
    .insertInto('sim_follows')
    .values({
      userid: holder,
      external_userid: ext,
      remark: '',
      description: '',
      createtime: Math.floor(addTime.getTime() / 1000),
      add_way: 1,
      oper_userid: holder,
      state: null,
      tags: '[]',
      deleted_by_member: 0,
      deleted_by_customer: 0,
    })
    .execute()
  return { ext, cif: customer.cif_no }
}

/** Two branches; in the first a supervisor, a leaving manager and a successor. */
export async function handoverBank(db: Kysely<Database>) {
  const branch = await insertBranch(db, { level: 'branch', name: '杭州分行', province: '浙江' })
  const other = await insertBranch(db, { level: 'branch', name: '宁波分行', province: '浙江' })
  const supervisor = await insertStaff(db, branch.id, 'supervisor', { name: '周行长' })
  const from = await insertStaff(db, branch.id, 'front', { name: '王敏' })
  const to = await insertStaff(db, branch.id, 'front', { name: '赵强' })
  const third = await insertStaff(db, branch.id, 'front', { name: '钱多' })
  const outsider = await insertStaff(db, other.id, 'front', { name: '孙远' })
  return { branch, other, supervisor, from, to, third, outsider }
}
