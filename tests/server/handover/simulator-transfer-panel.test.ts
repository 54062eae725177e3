import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { friend, handoverBank, HOUR, signIn, startHandoverApp, T0 } from './handover-world.js'

describe('the simulator desktop’s 客户继承 panel', () => {
  let w: Awaited<ReturnType<typeof startHandoverApp>>
  beforeAll(async () => {
    w = await startHandoverApp()
  })
  afterAll(async () => {
    await w.close()
  })

  it('when a transfer waits for the customer, then it is listed for both members, and after 客户拒绝 it is gone and the app settles it as refused', async () => {
    const db = w.app.ctx.db.kysely
    const b = await handoverBank(db)
    const c = await friend(db, b.branch.id, b.from.wecom_userid, b.to.id, new Date(T0.getTime() - 24 * HOUR), 1)
    const boss = await signIn(w.app, b.supervisor.wecom_userid)
    await boss.request('POST', '/api/handover/transfers', {
      kind: 'onjob',
      handoverUserid: b.from.wecom_userid,
      takeoverUserid: b.to.wecom_userid,
      externalUserIds: [c.ext],
    })
    const panel = async (user: string) =>
      (await (await fetch(`${w.app.baseUrl}/simulator/api/transfers?user=${user}`)).json()) as {
        transfers: { externalUserId: string; name: string; takeoverTime: number }[]
      }
    const listed = await panel(b.to.wecom_userid)
    expect(listed.transfers).toEqual([
      expect.objectContaining({ externalUserId: c.ext, name: '客户1', takeoverTime: T0.getTime() / 1000 + 24 * 3600 }),
    ])
    expect((await panel(b.from.wecom_userid)).transfers).toHaveLength(1)
    expect((await panel(b.third.wecom_userid)).transfers).toEqual([])

    const refused = await fetch(`${w.app.baseUrl}/simulator/api/transfers/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalUserId: c.ext, outcome: 'refuse' }),
    })
    expect(refused.status).toBe(200)
    expect((await panel(b.to.wecom_userid)).transfers).toEqual([])
    // The transfer_fail callback arrives in the background; a poll after it settles the transfer as refused.
    await expect
      .poll(async () => {
        await (await signIn(w.app, b.supervisor.wecom_userid)).request('POST', '/api/handover/transfers/refresh')
        const row = await db
          .selectFrom('handover_transfers')
          .select('status')
          .where('external_userid', '=', c.ext)
          .executeTakeFirst()
        return row?.status
      })
      .toBe('refused')
  })
})
