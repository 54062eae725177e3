import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFollow, insertPerson, insertStaff } from '../simulator/factories.js'
import { adminClient } from '../crm/crm-fixtures.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'

/** A corp whose customers all predate go-live: WeCom (the simulator) has them, the app's tables do not. */
describe('first day on a new corp', () => {
  let t: TestApp
  let proxy: SimulatorProxy
  beforeAll(async () => {
    ;({ t, proxy } = await startTestAppWithWecom())
  })
  afterAll(async () => {
    await t.close()
    await proxy.close()
  })
  const contacts = () =>
    t.ctx.db.kysely.selectFrom('wecom_contacts').select(['staff_userid', 'external_userid', 'name']).execute()

  it('when the admin starts the import, then the console shows it finish and existing customers appear', async () => {
    const alice = await insertStaff(t.ctx.db)
    const bob = await insertStaff(t.ctx.db)
    const [c1, c2, c3] = [await insertPerson(t.ctx.db), await insertPerson(t.ctx.db), await insertPerson(t.ctx.db)]
    await insertFollow(t.ctx.db, alice, c1)
    await insertFollow(t.ctx.db, alice, c2)
    await insertFollow(t.ctx.db, bob, c3)
    await insertFollow(t.ctx.db, bob, c1, { deletedByCustomer: true })
    expect(await contacts()).toEqual([])

    const { c: admin } = await adminClient(t)
    expect((await admin.request('POST', '/api/wecom/import')).status).toBe(202)
    await expect
      .poll(async () => (await admin.request('GET', '/api/wecom/import')).json.state?.status, { timeout: 5000 })
      .toBe('finished')
    const view = (await admin.request('GET', '/api/wecom/import')).json
    // WeCom still lists the relation bob's customer deleted (one-way); no callback told us before go-live.
    expect(view.state).toMatchObject({ mode: 'initial', seen: 4, added: 4, removed: 0, lastError: null })
    expect(view.runs[0]).toMatchObject({ status: 'succeeded', trigger: 'manual' })
    const pairs = (await contacts()).map((r) => `${r.staff_userid}/${r.external_userid}`).sort()
    expect(pairs).toEqual([`${alice}/${c1}`, `${alice}/${c2}`, `${bob}/${c1}`, `${bob}/${c3}`].sort())

    const front = client(t.baseUrl)
    await front.request('POST', '/api/demo/login', { userid: alice })
    expect((await front.request('GET', `/api/contacts/${c1}`)).status).toBe(200)
  })

  it('when a relation is not imported yet, then the sidebar asks WeCom once and shows it', async () => {
    const carol = await insertStaff(t.ctx.db)
    const person = await insertPerson(t.ctx.db, { name: '新客户' })
    await insertFollow(t.ctx.db, carol, person)
    const front = client(t.baseUrl)
    await front.request('POST', '/api/demo/login', { userid: carol })
    const before = proxy.count('/externalcontact/get')
    const res = await front.request('GET', `/api/contacts/${person}`)
    expect(res.status).toBe(200)
    expect(res.json.contact.name).toBe('新客户')
    expect(proxy.count('/externalcontact/get')).toBe(before + 1)
    expect((await front.request('GET', `/api/contacts/${person}`)).status).toBe(200)
    expect(proxy.count('/externalcontact/get')).toBe(before + 1)

    const stranger = await insertPerson(t.ctx.db)
    expect((await front.request('GET', `/api/contacts/${stranger}`)).status).toBe(403)
  })
})
