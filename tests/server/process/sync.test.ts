import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { acquireJobLock } from '../../../server/features/process/sync/job-locks.repository.js'
import { runDailySync, runJob } from '../../../server/features/process/sync/sync.service.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import { client, type TestApp } from '../support/test-app.js'
import { insertStaff } from '../support/factories.js'
import { processWorld } from './process-world.js'

let t: TestApp
let proxy: SimulatorProxy
let w: Awaited<ReturnType<typeof processWorld>>
const BEHAVIOUR = '/externalcontact/get_user_behavior_data'

beforeAll(async () => {
  ;({ t, proxy } = await startTestAppWithWecom())
  w = await processWorld(t.ctx.db.kysely)
})
afterAll(async () => {
  await t.close()
  await proxy.close()
})
beforeEach(() => {
  proxy.state.override = undefined
})

const db = () => t.ctx.db.kysely
const behaviourRows = () =>
  db()
    .selectFrom('behavior_daily')
    .select(['staff_userid', 'day', 'new_apply_cnt', 'chat_cnt', 'reply_percentage'])
    .orderBy('staff_userid')
    .orderBy('day')
    .execute()
const state = async () =>
  (await db().selectFrom('sync_state').select('done_until').where('job', '=', 'behaviour').executeTakeFirst())
    ?.done_until

describe('behaviour sync', () => {
  it('when a window fails half-way, then the run is recorded as failed and the next run resumes at that window; re-running a day changes nothing', async () => {
    t.setNow(new Date('2026-11-18T04:00:00Z'))
    await db()
      .insertInto('sync_state')
      .values({ job: 'behaviour', done_until: '2026-09-30', updated_at: '2026-10-01T00:00:00Z' })
      .execute()
    let calls = 0
    // Windows: 10-01…10-30 then 10-31…11-17. The second window's second call fails (48002 is not retried).
    proxy.state.override = (path) =>
      path === BEHAVIOUR && ++calls === 5 ? { body: { errcode: 48002, errmsg: 'api forbidden' } } : undefined
    const failed = await runJob(t.ctx, 'behaviour', 'manual')
    expect(failed.status).toBe('failed')
    expect(await state()).toBe('2026-10-30')
    const run = await db()
      .selectFrom('sync_runs')
      .selectAll()
      .where('job', '=', 'behaviour')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(run).toMatchObject({ status: 'failed', trigger: 'manual' })
    expect(run.error).toBeTruthy()

    proxy.state.override = undefined
    const before = proxy.count(BEHAVIOUR)
    const resumed = await runJob(t.ctx, 'behaviour', 'manual')
    expect(resumed).toMatchObject({ status: 'succeeded', stats: { days: 18, calls: 3 } })
    expect(proxy.count(BEHAVIOUR) - before).toBe(3)
    expect(await state()).toBe('2026-11-17')
    const rows = await behaviourRows()
    expect(rows).toHaveLength(3 * 48)
    expect(rows.every((r) => r.day >= '2026-10-01' && r.day <= '2026-11-17')).toBe(true)

    await db().deleteFrom('sync_state').execute()
    await db()
      .insertInto('sync_state')
      .values({ job: 'behaviour', done_until: '2026-11-10', updated_at: 'x' })
      .execute()
    await runJob(t.ctx, 'behaviour', 'cli')
    expect(await behaviourRows()).toEqual(rows)
  })

  it('when another instance holds the job lock, then this one skips the job and writes no run', async () => {
    t.setNow(new Date('2026-11-18T05:00:00Z'))
    const runs = (await db().selectFrom('sync_runs').select('id').execute()).length
    expect(await acquireJobLock(db(), 'sync:behaviour', 'other-instance', 60_000, t.ctx.now())).toBe(true)
    expect(await runJob(t.ctx, 'behaviour', 'schedule')).toEqual({ job: 'behaviour', status: 'skipped' })
    expect((await db().selectFrom('sync_runs').select('id').execute()).length).toBe(runs)
    t.setNow(new Date('2026-11-18T06:00:00Z'))
    expect((await runJob(t.ctx, 'behaviour', 'schedule')).status).toBe('succeeded')
  })
})

describe('tasks', () => {
  async function as(userid: string) {
    const c = client(t.baseUrl)
    await c.request('POST', '/api/demo/login', { userid })
    return c
  }

  it('when the middle office assigns a moment task to a sub-branch and a manager posts it in WeCom, then the sync marks exactly that assignment done', async () => {
    t.setNow(new Date('2026-11-18T07:00:00Z'))
    const middle = await as(w.middle.wecom_userid)
    const created = await middle.request('POST', '/api/tasks', {
      kind: 'moment',
      title: '本周金价点评',
      branches: [w.west.id],
      startDate: '2026-11-18',
      dueDate: '2026-11-20',
      text: '黄金本周走势点评，欢迎咨询。',
    })
    expect(created.status).toBe(201)
    // Free text: a second person (a reviewer, not the author) approves it before it goes to WeCom.
    const reviewerStaff = await insertStaff(db(), w.head.id, 'middle', { name: '合规复核', reviewer: 1 })
    const reviewer = await as(reviewerStaff.wecom_userid)
    expect((await reviewer.request('POST', `/api/tasks/${created.json.id}/approve`)).status).toBe(200)
    const task = await db().selectFrom('tasks').selectAll().where('id', '=', created.json.id).executeTakeFirstOrThrow()
    expect(task.wecom_ref).toMatch(/^job:/)
    const sim = await db()
      .selectFrom('sim_tasks')
      .select('id')
      .where('kind', '=', 'moment')
      .orderBy('create_time', 'desc')
      .executeTakeFirstOrThrow()
    const done = await fetch(`${t.baseUrl}/simulator/api/staff/${w.alice.wecom_userid}/tasks/${sim.id}/done`, {
      method: 'POST',
    })
    expect(done.status).toBe(204)
    const statusOf = async () =>
      Object.fromEntries(
        (await middle.request('GET', `/api/tasks/${created.json.id}`)).json.assignments.map(
          (a: { staffUserid: string; status: string }) => [a.staffUserid, a.status],
        ),
      )[w.alice.wecom_userid]
    // WeCom's moments job is still running on the first poll: nothing is marked yet, the next sync does it.
    await runDailySync(t.ctx, 'manual')
    expect(await statusOf()).not.toBe('done')
    t.setNow(new Date('2026-11-18T07:05:00Z'))
    await runDailySync(t.ctx, 'manual')
    const detail = await middle.request('GET', `/api/tasks/${created.json.id}`)
    const byStaff = Object.fromEntries(
      detail.json.assignments.map((a: { staffUserid: string; status: string }) => [a.staffUserid, a.status]),
    )
    expect(byStaff[w.alice.wecom_userid]).toBe('done')
    const events = await db()
      .selectFrom('events')
      .select(['staff_userid'])
      .where('type', '=', 'task_completed')
      .where('ref_id', '=', `task:${created.json.id}`)
      .execute()
    expect(events.map((e) => e.staff_userid)).toContain(w.alice.wecom_userid)
    const rollup = await db()
      .selectFrom('staff_daily')
      .select('n')
      .where('staff_userid', '=', w.alice.wecom_userid)
      .where('metric', '=', 'tasks_done')
      .executeTakeFirst()
    expect(Number(rollup?.n)).toBe(1)
    const again = await runJob(t.ctx, 'tasks', 'manual')
    expect(again.status).toBe('succeeded')
    expect((await db().selectFrom('events').select('id').where('type', '=', 'task_completed').execute()).length).toBe(
      events.length,
    )
  })

  it('when a task is invalid or the caller is not middle office, then 4xx with stable codes and no task is written', async () => {
    const middle = await as(w.middle.wecom_userid)
    const base = {
      kind: 'friend_add',
      title: '每日加好友',
      branches: [w.west.id],
      startDate: '2026-11-18',
      dueDate: '2026-11-25',
      perDay: 5,
    }
    const cases: [unknown, number, string][] = [
      [{ ...base, dueDate: '2026-11-01' }, 400, 'INVALID_DATES'],
      [{ ...base, perDay: undefined }, 400, 'TARGET_REQUIRED'],
      [{ ...base, branches: [], staff: [] }, 400, 'NO_ASSIGNEES'],
      [{ ...base, staff: ['nobody'] }, 400, 'UNKNOWN_STAFF'],
      [{ ...base, title: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, kind: 'mass_send', text: '你好', segments: ['private'] }, 400, 'NO_RECIPIENTS'],
    ]
    const count = async () => (await db().selectFrom('tasks').select('id').execute()).length
    const before = await count()
    for (const [body, status, code] of cases) {
      const res = await middle.request('POST', '/api/tasks', body)
      expect([res.status, res.json.error.code]).toEqual([status, code])
    }
    const front = await (await as(w.alice.wecom_userid)).request('POST', '/api/tasks', base)
    expect([front.status, front.json.error.code]).toEqual([403, 'FORBIDDEN'])
    expect(await count()).toBe(before)
  })
})
