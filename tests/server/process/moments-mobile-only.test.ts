import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

describe('moment tasks in the manager’s own list', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('when a manager has an open moment task and a mass-send task, then only the moment task is marked doable on the phone client', async () => {
    const db = t.ctx.db.kysely
    const branch = await insertBranch(db, { level: 'branch', name: '杭州分行', province: '浙江' })
    const manager = await insertStaff(db, branch.id, 'front', { name: '王敏' })
    // The to-do uses the China calendar day; a window around the UTC day holds at any hour.
    const dayMs = 86_400_000
    const startDay = new Date(t.ctx.now().getTime() - dayMs).toISOString().slice(0, 10)
    const dueDay = new Date(t.ctx.now().getTime() + 2 * dayMs).toISOString().slice(0, 10)
    for (const kind of ['moment', 'mass_send'] as const) {
      await db
        .insertInto('tasks')
        .values({
          id: `task-${kind}`,
          kind,
          title: kind,
          payload: JSON.stringify({ text: '本周金价点评' }),
          scope: JSON.stringify({ staff: [manager.wecom_userid], branches: [] }),
          start_date: startDay,
          due_date: dueDay,
          created_by: manager.id,
          created_at: t.ctx.now().toISOString(),
          status: 'active',
          wecom_ref: null,
        })
        .execute()
      await db
        .insertInto('task_assignments')
        .values({
          task_id: `task-${kind}`,
          staff_userid: manager.wecom_userid!,
          status: 'open',
          progress: 0,
          target: 1,
          wecom_ref: null,
          detail: '{}',
          done_at: null,
          checked_at: null,
        })
        .execute()
    }
    const me = client(t.baseUrl)
    await me.request('POST', '/api/demo/login', { userid: manager.wecom_userid })
    const todo = await me.request('GET', '/api/me/todo')
    expect(todo.status).toBe(200)
    const doable = Object.fromEntries(
      todo.json.tasks.map((x: { kind: string; doableOn: string }) => [x.kind, x.doableOn]),
    )
    expect(doable).toEqual({ moment: 'mobile', mass_send: 'any' })
  })
})
