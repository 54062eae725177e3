import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFiles } from '../../../server/features/crm/import.service.js'
import { ownerAt } from '../../../server/features/crm/owner-history.js'
import { appendEvent } from '../../../server/features/events/index.js'
import { insertContact } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { adminClient, BRANCHES_CSV, CUSTOMER_HEADER, customerLine, STAFF_CSV, tempFiles } from './crm-fixtures.js'

describe('staff directory: leavers, transfers, WeCom mapping', () => {
  let t: TestApp
  const imp = async (files: Record<string, string>) => {
    const f = tempFiles(files)
    const run = await importFiles(
      t.ctx,
      Object.entries(f.paths).map(([name, path]) => ({ path, name })),
      { dryRun: false, trigger: 'cli', actorStaffId: null },
    )
    f.cleanup()
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded')
    return run
  }
  beforeAll(async () => {
    t = await startTestApp()
    await imp({
      'branches.csv': BRANCHES_CSV,
      'staff.csv': STAFF_CSV,
      'customers.csv': CUSTOMER_HEADER + customerLine('T0001', '13300000001'),
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('when an import marks a signed-in manager as left, then the very next request is refused', async () => {
    const manager = client(t.baseUrl)
    expect((await manager.request('POST', '/api/demo/login', { userid: 'wangjl' })).status).toBe(200)
    expect((await manager.request('GET', '/api/session/me')).status).toBe(200)
    await imp({
      'staff.csv': STAFF_CSV.replace('wangjl,客户经理,客户经理,S1,在职', 'wangjl,客户经理,客户经理,S1,离职'),
    })
    expect((await manager.request('GET', '/api/session/me')).status).toBe(401)
    expect((await client(t.baseUrl).request('POST', '/api/demo/login', { userid: 'wangjl' })).status).toBe(404)
    const row = await t.ctx.db.kysely
      .selectFrom('staff')
      .select(['active', 'wecom_userid'])
      .where('id', '=', 'E1')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ active: 0, wecom_userid: 'wangjl' })
  })

  it('when a customer moves to another manager, then the change is dated and the owner before it stays in history', async () => {
    const before = new Date(Date.now() - 1000)
    t.setNow(new Date(Date.now() + 60_000))
    const run = await imp({ 'customers.csv': CUSTOMER_HEADER + customerLine('T0001', '13300000001', { owner: 'E2' }) })
    expect(run.counts.customers).toMatchObject({ updated: 1 })
    const changes = await t.ctx.db.kysely
      .selectFrom('customer_owner_changes')
      .selectAll()
      .where('cif_no', '=', 'T0001')
      .execute()
    expect(changes).toMatchObject([{ from_staff_id: 'E1', to_staff_id: 'E2', run_id: run.id }])
    expect(await ownerAt(t.ctx.db.kysely, 'T0001', before)).toBe('E1')
    expect(await ownerAt(t.ctx.db.kysely, 'T0001', new Date(Date.now() + 120_000))).toBe('E2')
  })

  it('when WeCom shows a userid with no staff record, then it is reported, its events are kept, and they count once the mapping arrives', async () => {
    const db = t.ctx.db.kysely
    await insertContact(db, 'newhire01')
    await appendEvent(db, {
      type: 'contact_added',
      staffUserid: 'newhire01',
      externalUserid: 'wmX',
      occurredAt: new Date(),
      source: 'callback',
      dedupeKey: 'k-newhire01',
    })
    const { c } = await adminClient(t)
    const report = await c.request('GET', '/api/crm/wecom-mapping')
    expect(report.status).toBe(200)
    expect(report.json.unknownUserids).toContainEqual(
      expect.objectContaining({ userid: 'newhire01', contacts: 1, events: 1 }),
    )
    expect(report.json.staffWithoutWecom).toEqual([
      { employeeId: 'E2', name: '李经理', title: '理财经理', branchName: '西湖支行' },
    ])

    await imp({ 'staff.csv': `${STAFF_CSV}E3,陈新人,newhire01,客户经理,客户经理,S1,在职\n` })
    const after = await c.request('GET', '/api/crm/wecom-mapping')
    expect(after.json.unknownUserids.map((u: { userid: string }) => u.userid)).not.toContain('newhire01')
    const attributed = await db
      .selectFrom('events')
      .innerJoin('staff', 'staff.wecom_userid', 'events.staff_userid')
      .select('staff.id')
      .where('events.dedupe_key', '=', 'k-newhire01')
      .execute()
    expect(attributed).toEqual([{ id: 'E3' }])
  })

  it('when two employees claim one WeCom userid, then the second row is refused', async () => {
    const f = tempFiles({ 'staff.csv': `${STAFF_CSV}E4,重名,newhire01,客户经理,客户经理,S1,在职\n` })
    const run = await importFiles(t.ctx, [{ path: f.paths['staff.csv']!, name: 'staff.csv' }], {
      dryRun: false,
      trigger: 'cli',
      actorStaffId: null,
    })
    f.cleanup()
    expect(run.errors).toEqual([
      { source: 'staff.csv', rowNo: 4, column: '企业微信账号', reason: '企业微信账号已属于员工 E3' },
    ])
  })
})
