import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { purgeExpired } from '../../../server/features/privacy/purge.service.js'
import { refreshRollups } from '../../../server/features/process/rollups/rollups.service.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { contactEvents, privacyWorld, rollupSnapshot, signIn, viewAt, type PrivacyWorld } from './privacy-world.js'

const NOW = new Date('2026-06-30T04:00:00.000Z')
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000)

describe('retention settings and the purge job', () => {
  let t: TestApp
  let w: PrivacyWorld
  beforeAll(async () => {
    t = await startTestApp()
    t.setNow(NOW)
    w = await privacyWorld(t)
  })
  afterAll(async () => {
    await t.close()
  })

  it('when an admin reads and changes the retention, then the defaults come first and the change is stored and audited', async () => {
    const admin = await signIn(t, w.admin.wecom_userid)
    expect((await admin.request('GET', '/api/privacy/retention')).json).toEqual({
      callbacksDays: 30,
      eventsDays: 730,
      auditDays: 1825,
    })
    const put = await admin.request('PUT', '/api/privacy/retention', {
      callbacksDays: 10,
      eventsDays: 100,
      auditDays: 200,
    })
    expect([put.status, put.json]).toEqual([200, { callbacksDays: 10, eventsDays: 100, auditDays: 200 }])
    const row = await t.ctx.db.kysely.selectFrom('retention_settings').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ callbacks_days: 10, events_days: 100, audit_days: 200, updated_by: w.admin.id })
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy.retention')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.detail)).toEqual({
      before: { callbacksDays: 30, eventsDays: 730, auditDays: 1825 },
      after: { callbacksDays: 10, eventsDays: 100, auditDays: 200 },
    })
  })

  it('when anyone else edits, or the days are out of range, then 403 or 400 and nothing changes', async () => {
    for (const who of [w.boss, w.middle, w.alice]) {
      expect(
        (
          await (
            await signIn(t, who.wecom_userid)
          ).request('PUT', '/api/privacy/retention', { callbacksDays: 1, eventsDays: 1, auditDays: 1 })
        ).status,
      ).toBe(403)
    }
    const admin = await signIn(t, w.admin.wecom_userid)
    for (const body of [
      { callbacksDays: 0, eventsDays: 100, auditDays: 200 },
      { callbacksDays: 10, eventsDays: 100 },
      { callbacksDays: 10, eventsDays: 100, auditDays: 200, extra: 1 },
    ]) {
      expect((await admin.request('PUT', '/api/privacy/retention', body)).status).toBe(400)
    }
    expect((await admin.request('GET', '/api/privacy/retention')).json).toEqual({
      callbacksDays: 10,
      eventsDays: 100,
      auditDays: 200,
    })
  })

  it('when the purge runs, then old rows go in batches (welcome sends with the callbacks), unprocessed callbacks and un-rolled events stay, and the rollups are unchanged', async () => {
    const db = t.ctx.db.kysely
    await contactEvents(t, w.alice.wecom_userid, w.contact.external_userid, daysAgo(150), 1050, 'old')
    await contactEvents(t, w.alice.wecom_userid, w.contact.external_userid, daysAgo(50), 6, 'recent')
    await refreshRollups(db)
    await contactEvents(t, w.alice.wecom_userid, w.contact.external_userid, daysAgo(150), 2, 'unrolled')
    const callback = (key: string, received: Date, processed: boolean) => ({
      dedupe_key: key,
      msg_type: 'event',
      event: 'change_external_contact',
      change_type: 'add_external_contact',
      payload: '<xml/>',
      received_at: received.toISOString(),
      processed_at: processed ? received.toISOString() : null,
      attempts: 1,
      last_error: null,
    })
    await db
      .insertInto('wecom_callbacks')
      .values([
        callback('old-1', daysAgo(20), true),
        callback('old-2', daysAgo(11), true),
        callback('old-pending', daysAgo(20), false),
        callback('new', daysAgo(5), true),
      ])
      .execute()
    const welcomeSend = (code: string, at: Date) => ({
      welcome_code: code,
      staff_userid: w.alice.wecom_userid,
      external_userid: w.contact.external_userid,
      message_id: null,
      approval_no: null,
      result: 'sent' as const,
      errcode: null,
      error: null,
      code_issued_at: at.toISOString(),
      attempted_at: at.toISOString(),
    })
    await db
      .insertInto('welcome_sends')
      .values([welcomeSend('code-old', daysAgo(20)), welcomeSend('code-new', daysAgo(5))])
      .execute()
    await viewAt(t, w.alice.id, 'wmAudit01', daysAgo(300).toISOString())
    await viewAt(t, w.alice.id, 'wmAudit02', daysAgo(100).toISOString())
    const rollups = await rollupSnapshot(t)

    expect(await purgeExpired(db, NOW, { batchSize: 100 })).toEqual({
      callbacks: 2,
      welcomeSends: 1,
      events: 1050,
      audit: 1,
    })
    expect(
      (await db.selectFrom('wecom_callbacks').select('dedupe_key').orderBy('dedupe_key').execute()).map(
        (r) => r.dedupe_key,
      ),
    ).toEqual(['new', 'old-pending'])
    expect((await db.selectFrom('welcome_sends').select('welcome_code').execute()).map((r) => r.welcome_code)).toEqual([
      'code-new',
    ])
    const events = await db.selectFrom('events').select('dedupe_key').execute()
    expect(events).toHaveLength(8)
    expect(events.filter((e) => e.dedupe_key!.startsWith('unrolled'))).toHaveLength(2)
    expect(
      (await db.selectFrom('audit_log').select('target').where('action', '=', 'contact.view').execute()).map(
        (r) => r.target,
      ),
    ).toEqual(['contact:wmAudit02'])
    expect(await rollupSnapshot(t)).toEqual(rollups)
    expect(await purgeExpired(db, NOW)).toEqual({ callbacks: 0, welcomeSends: 0, events: 0, audit: 0 })
  })
})
