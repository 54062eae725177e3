import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StaffView } from '../../../server/contracts/process.js'
import { piiOf } from '../../../server/lib/pii.js'
import type { TestApp } from '../support/test-app.js'
import { bind, hoursIntoWeek, insertCrmCustomer, signedIn, startProcessApp } from './process-world.js'

let t: TestApp
let w: Awaited<ReturnType<typeof startProcessApp>>['w']
const at = hoursIntoWeek
const as = (userid: string) => signedIn(t.baseUrl, userid)

// 王丽 (浙江) verifies nine times in November, four from outside 浙江: over the 20% allowance (one of nine).
// wmCtwice was first verified in 浙江 and again from 广东 later: its first binding decides, as on the profile.
beforeAll(async () => {
  const started = await startProcessApp()
  ;({ t, w } = started)
  const { db } = started
  const alice = w.alice.wecom_userid
  const addBound = async (ext: string, h: number, province: string) => {
    const customer = await insertCrmCustomer(db, piiOf(t.ctx.config), w.west.id, { owner_staff_id: w.alice.id })
    await w.insertContact(db, alice, { external_userid: ext, add_time: at(h - 0.5) })
    await bind(db, ext, customer.cif_no, alice, at(h), province)
    return customer
  }
  for (const [i, h] of [1, 2, 3, 4].entries()) await addBound(`wmHome${i}`, h, '浙江')
  await addBound('wmAout', 10, '广东')
  await addBound('wmBout', 11, '广东')
  const twice = await addBound('wmCtwice', 12, '浙江')
  await db
    .insertInto('bindings')
    .values({
      external_userid: 'wmCtwice',
      cif_no: twice.cif_no,
      staff_userid: alice,
      verified_at: at(13),
      method: 'link',
      verification_id: null,
      ip_province: '广东',
    })
    .execute()
  await addBound('wmDout', 14, '广东省')
})
afterAll(async () => {
  await t.close()
})

describe('out-of-province on the dashboard', () => {
  it('when a contact was first verified in the home province and later from another, then its first binding decides and the dashboard agrees with the profile', async () => {
    const boss = await as(w.boss.wecom_userid)
    const res = await boss.request('GET', `/api/dashboard/staff/${w.alice.wecom_userid}?period=month`)
    expect(res.status).toBe(200)
    const view = res.json as StaffView
    const outOfProvince = Object.fromEntries(view.adds.map((a) => [a.externalUserId, a.rules.out_of_province]))
    expect(outOfProvince).toEqual({
      wmHome0: 'pass',
      wmHome1: 'pass',
      wmHome2: 'pass',
      wmHome3: 'pass',
      // The allowance of nine verifications is one: the first from outside counts, the later ones are the excess.
      wmAout: 'pass',
      wmBout: 'flagged',
      wmCtwice: 'pass',
      wmDout: 'flagged',
    })
    expect(view.row.eligible.outOfProvinceFlagged).toBe(2)
    for (const add of view.adds) {
      const profile = await boss.request('GET', `/api/contacts/${add.externalUserId}`)
      const rule = profile.json.attribution.rules.find((r: { key: string }) => r.key === 'out_of_province')
      expect({ id: add.externalUserId, verdict: rule.verdict }).toEqual({
        id: add.externalUserId,
        verdict: add.rules.out_of_province,
      })
    }
  })
})
