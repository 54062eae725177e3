import { piiOf } from '../../../server/lib/pii.js'
import { bind, insertCrmCustomer, processWorld } from '../process/process-world.js'
import { insertStaff } from './factories.js'
import { startTestAppWithWecom, type SimulatorProxy } from './simulator-proxy.js'
import type { TestApp } from './test-app.js'

export interface MassSendWorld {
  t: TestApp
  proxy: SimulatorProxy
  w: Awaited<ReturnType<typeof processWorld>>
  /** A middle-office reviewer (staff.reviewer = 1), the second pair of eyes a mass send needs. */
  reviewerUserid: string
}

/**
 * An app on the WeCom simulator at 2026-11-18 12:00 Beijing time, the process world, a reviewer, and one
 * private-banking customer of Alice per external userid: in the CRM, added on WeCom 2026-11-01, bound
 * 2026-11-02, and followed in the simulator too so that WeCom can address them.
 */
export async function startMassSendWorld(externalUserids: string[]): Promise<MassSendWorld> {
  const { t, proxy } = await startTestAppWithWecom()
  t.setNow(new Date('2026-11-18T04:00:00Z'))
  const db = t.ctx.db.kysely
  const w = await processWorld(db)
  const reviewerUserid = (await insertStaff(db, w.head.id, 'middle', { name: '合规复核', reviewer: 1 })).wecom_userid
  for (const ext of externalUserids) {
    const c = await insertCrmCustomer(db, piiOf(t.ctx.config), w.west.id, { owner_staff_id: w.alice.id })
    await w.insertContact(db, w.alice.wecom_userid, { external_userid: ext, add_time: '2026-11-01T02:00:00.000Z' })
    await bind(db, ext, c.cif_no, w.alice.wecom_userid, '2026-11-02T02:00:00.000Z')
    await db
      .insertInto('sim_people')
      .values({
        external_userid: ext,
        name: c.name,
        phone: '13900000000',
        gender: 2,
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
        userid: w.alice.wecom_userid,
        external_userid: ext,
        remark: '',
        description: '',
        createtime: 1793000000,
        add_way: 1,
        oper_userid: w.alice.wecom_userid,
        state: null,
        tags: '[]',
        deleted_by_member: 0,
        deleted_by_customer: 0,
      })
      .execute()
  }
  return { t, proxy, w, reviewerUserid }
}
