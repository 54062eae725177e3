// The callback-processing cases: each waits for the app's own first attempt on receipt. A case ends only once the
// app's background pass is done (strict-simulator.ts): one left in a WeCom call took the next case's fault on Node 22.
import { describe, expect, it } from 'vitest'
import { processPendingCallbacks } from '../../../server/features/wecom/callback-processor.js'
import { CALLBACK_RETRY } from '../../../server/features/wecom/callback-retry.js'
import { adminClient } from '../crm/crm-fixtures.js'
import { insertStaff } from './factories.js'
import { noWait, setFault, sim, t, T0, useStrictSimulator } from './strict-simulator.js'

useStrictSimulator()

describe('callback processing through the simulator', () => {
  const callbacksOf = (externalUserid: string) =>
    t.ctx.db.kysely.selectFrom('wecom_callbacks').selectAll().where('payload', 'like', `%${externalUserid}%`).execute()
  const relation = (userid: string, externalUserid: string) =>
    t.ctx.db.kysely
      .selectFrom('wecom_contacts')
      .select(['name', 'add_way'])
      .where('staff_userid', '=', userid)
      .where('external_userid', '=', externalUserid)
      .executeTakeFirst()

  it.each(['rate_limit', 'busy', 'network', 'ip_not_trusted'])(
    'when externalcontact/get fails once with %s, then the relation is stored complete on a later pass',
    async (kind) => {
      const userid = await insertStaff(t.ctx.db)
      await setFault({ api: 'externalcontact/get', kind, count: kind === 'ip_not_trusted' ? 1 : 4 })
      const added = await sim.request('POST', '/simulator/api/events', {
        changeType: 'add_external_contact',
        userid,
        person: { name: '柯女士' },
      })
      const ext: string = added.json.externalUserId
      // The app's own first attempt runs on receipt, with its 45009 backoff on the real clock: ~4 s on an idle
      // machine, past 8 s on a loaded CI runner. This waits for it; it asserts nothing about its duration.
      await expect.poll(async () => (await callbacksOf(ext))[0]?.attempts ?? 0, { timeout: 30_000 }).toBeGreaterThan(0)
      expect(await relation(userid, ext)).toBeUndefined()
      t.setNow(new Date(T0.getTime() + 2 * CALLBACK_RETRY.capMs))
      await processPendingCallbacks(t.ctx, noWait())
      expect(await relation(userid, ext)).toMatchObject({ name: '柯女士' })
      const [row] = await callbacksOf(ext)
      expect(row?.processed_at).not.toBeNull()
    },
    60_000,
  )

  it('when externalcontact/get keeps answering 48002, then no blank relation, the delivery dead-letters with its reason, and a retry after the fix stores it', async () => {
    await setFault({ api: 'externalcontact/get', kind: 'no_permission', probability: 1 })
    const userid = await insertStaff(t.ctx.db)
    const added = await sim.request('POST', '/simulator/api/events', {
      changeType: 'add_external_contact',
      userid,
      person: { name: '许先生' },
    })
    expect(added.json.delivery).toMatchObject({ delivered: true })
    const ext: string = added.json.externalUserId
    await expect.poll(async () => (await callbacksOf(ext))[0]?.attempts ?? 0, { timeout: 20_000 }).toBeGreaterThan(0)
    const c = noWait()
    for (let i = 0; i < CALLBACK_RETRY.maxAttempts + 1; i++) {
      t.setNow(new Date(T0.getTime() + (i + 1) * 2 * CALLBACK_RETRY.capMs))
      await processPendingCallbacks(t.ctx, c)
    }
    const [row] = await callbacksOf(ext)
    expect(row).toMatchObject({ processed_at: null, attempts: CALLBACK_RETRY.maxAttempts })
    expect(row?.dead_at).not.toBeNull()
    expect(row?.last_error).toContain('48002')
    expect(await relation(userid, ext)).toBeUndefined()

    await sim.request('DELETE', '/simulator/api/faults')
    const { c: admin } = await adminClient(t)
    const dead = (await admin.request('GET', '/api/wecom/dead-letters')).json
    expect(JSON.stringify(dead)).toContain('48002')
    expect((await admin.request('POST', `/api/wecom/dead-letters/${row!.id}/retry`)).status).toBeLessThan(300)
    await processPendingCallbacks(t.ctx, c)
    expect(await relation(userid, ext)).toMatchObject({ name: '许先生', add_way: expect.any(Number) })
    expect((await relation(userid, ext))?.add_way).not.toBe(0)
  })
})
