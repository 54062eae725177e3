import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { onDemoStart } from '../../../server/features/demo/demo-start.js'
import { withLoopbackSimulator } from '../../../server/features/simulator/sim-loopback.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'

const CUSTOMERS = 400

describe('demo start, bank scenario', () => {
  let t: TestApp
  let proxy: SimulatorProxy
  const db = () => t.ctx.db.kysely
  const start = () =>
    onDemoStart(t.ctx.config, { db: t.ctx.db, logger: t.ctx.logger }, withLoopbackSimulator, { customers: CUSTOMERS })

  beforeAll(async () => {
    ;({ t, proxy } = await startTestAppWithWecom())
    await start()
  }, 120_000)
  afterAll(async () => {
    await t.close()
    await proxy.close()
  })

  it("when the bank demo starts, then its relations match WeCom's and the initial import finishes with nothing to add or remove", async () => {
    const follows = await db().selectFrom('sim_follows').selectAll().execute()
    const contacts = await db().selectFrom('wecom_contacts').selectAll().execute()
    const expected = follows.map((f) => ({
      pair: `${f.userid}|${f.external_userid}`,
      deletedBy: f.deleted_by_member ? 'staff' : f.deleted_by_customer ? 'customer' : null,
      addTime: new Date(f.createtime * 1000).toISOString(),
    }))
    const stored = contacts.map((c) => ({
      pair: `${c.staff_userid}|${c.external_userid}`,
      deletedBy: c.deleted_by,
      addTime: c.add_time,
    }))
    const byPair = (a: { pair: string }, b: { pair: string }) => a.pair.localeCompare(b.pair)
    expect(stored.sort(byPair)).toEqual(expected.sort(byPair))

    const live = contacts.filter((c) => c.deleted_at === null)
    const state = await db().selectFrom('wecom_import_state').selectAll().executeTakeFirstOrThrow()
    expect(state).toMatchObject({ status: 'finished', mode: 'initial', added: 0, removed: 0 })
    expect(live.length).toBeGreaterThan(CUSTOMERS / 10)
    const runs = await db().selectFrom('sync_runs').select(['job', 'status']).execute()
    expect(runs).toEqual([{ job: 'relations', status: 'succeeded' }])
    // Before the port opens: the app's own WECOM_API_BASE (this proxy) saw none of it.
    expect(proxy.state.calls).toEqual([])
  })

  it('when the bank demo has started, then every imported relation is judged on the dashboard (no rollup mark left)', async () => {
    const relations = await db().selectFrom('wecom_contacts').select('id').execute()
    const verdicts = await db().selectFrom('add_verdicts').select('relation_id').execute()
    expect(verdicts.map((v) => Number(v.relation_id)).sort()).toEqual(relations.map((r) => Number(r.id)).sort())
    expect(await db().selectFrom('rollup_dirty').selectAll().execute()).toEqual([])
  })

  it('when the demo starts again on the same database, then it neither seeds nor imports again', async () => {
    const before = await db().selectFrom('wecom_contacts').select('id').execute()
    await start()
    expect(await db().selectFrom('sync_runs').select('job').execute()).toHaveLength(1)
    expect(await db().selectFrom('wecom_contacts').select('id').execute()).toEqual(before)
  })

  it('when 重置为新企业 is pressed on the simulator, then our relations are emptied and the import refills the live ones through WeCom', async () => {
    const liveOnWecom = await db()
      .selectFrom('sim_follows')
      .select(['userid', 'external_userid'])
      .where('deleted_by_member', '=', 0)
      .execute()
    const before = await db().selectFrom('wecom_contacts').select('id').execute()
    const res = await client(t.baseUrl).request('POST', '/simulator/api/scenario/new-corp')
    expect([res.status, res.json]).toEqual([202, { cleared: before.length, import: 'started' }])
    await vi.waitFor(
      async () =>
        expect(await db().selectFrom('wecom_import_state').select(['status', 'mode']).executeTakeFirst()).toEqual({
          status: 'finished',
          mode: 'initial',
        }),
      { timeout: 60_000, interval: 200 },
    )
    const after = await db().selectFrom('wecom_contacts').select(['staff_userid', 'external_userid']).execute()
    const pairs = (rows: { userid?: string; staff_userid?: string; external_userid: string }[]) =>
      rows.map((r) => `${r.userid ?? r.staff_userid}|${r.external_userid}`).sort()
    expect(pairs(after)).toEqual(pairs(liveOnWecom))
    expect(proxy.state.calls).toContain('/externalcontact/batch/get_by_user')
  })
})
