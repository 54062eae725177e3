import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertContact } from '../support/factories.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { contactEvents, PERSON, privacyWorld, rollupSnapshot, signIn, type PrivacyWorld } from './privacy-world.js'

const ZERO = { bindingsRemoved: 0, contactsErased: 0, verificationsErased: 0, eventsErased: 0, callbacksRemoved: 0 }

describe('erasure on request (PIPL)', () => {
  let t: TestApp
  let w: PrivacyWorld
  let second: { external_userid: string }
  beforeAll(async () => {
    t = await startTestApp()
    w = await privacyWorld(t)
    const db = t.ctx.db.kysely
    // The same customer also added 钱芳, so erasing by CIF number reaches two contacts.
    second = await insertContact(db, w.carol.wecom_userid, { name: PERSON.name, remark: PERSON.phone })
    await db
      .insertInto('bindings')
      .values({
        external_userid: second.external_userid,
        cif_no: w.customer.cif_no,
        staff_userid: w.carol.wecom_userid,
        verified_at: new Date().toISOString(),
        method: 'link',
        verification_id: null,
      })
      .execute()
    await db
      .insertInto('verifications')
      .values({
        id: '00000000-0000-4000-8000-00000000e001',
        token_hash: 'erasure-test',
        staff_userid: w.alice.wecom_userid,
        external_userid: w.contact.external_userid,
        status: 'verified',
        created_at: new Date().toISOString(),
        expires_at: new Date().toISOString(),
        sent_at: new Date().toISOString(),
        opened_at: new Date().toISOString(),
        verified_at: new Date().toISOString(),
        failed_at: null,
        failure_reason: null,
        identity_attempts: 0,
        code_attempts: 0,
        code_hash: null,
        code_expires_at: null,
        code_sent_at: null,
        candidate_cif_no: w.customer.cif_no,
        candidate_problem: null,
        cif_no: w.customer.cif_no,
        client_ip: '203.0.113.77',
        ip_province: '浙江',
      })
      .execute()
    await contactEvents(t, w.alice.wecom_userid, w.contact.external_userid, new Date(Date.now() - 3600_000), 6)
    await db
      .insertInto('wecom_callbacks')
      .values({
        dedupe_key: `evt:${w.contact.external_userid}`,
        msg_type: 'event',
        event: 'change_external_contact',
        change_type: 'edit_external_contact',
        payload: `<xml><ExternalUserID><![CDATA[${w.contact.external_userid}]]></ExternalUserID></xml>`,
        received_at: new Date().toISOString(),
        processed_at: new Date().toISOString(),
        attempts: 1,
        last_error: null,
      })
      .execute()
  })
  afterAll(async () => {
    await t.close()
  })

  const eventCounts = () =>
    t.ctx.db.kysely
      .selectFrom('events')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('type')
      .orderBy('type')
      .execute()
      .then((rows) => rows.map((r) => ({ type: r.type, n: Number(r.n) })))
  const dashboardNumbers = async () => {
    const view = (await (await signIn(t, w.boss.wecom_userid)).request('GET', '/api/dashboard/process?period=month'))
      .json
    return {
      rows: view.rows.map((r: { id: string; numbers: unknown }) => [r.id, r.numbers]),
      total: view.total.numbers,
      trend: view.trend,
    }
  }

  it('when an admin erases a contact, then binding, names, IP and payloads are gone while rollups, dashboard numbers and event counts stay', async () => {
    const db = t.ctx.db.kysely
    const [counts, dashboard] = [await eventCounts(), await dashboardNumbers()]
    // The funnel is a cohort of verification rows (docs/metrics.md): erasure anonymises them, the counts stay.
    expect(dashboard.total).toMatchObject({ linksSent: 1, linksOpened: 1, verified: 1 })
    const res = await (
      await signIn(t, w.admin.wecom_userid)
    ).request('POST', '/api/privacy/erasure', { externalUserId: w.contact.external_userid })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      externalUserIds: [w.contact.external_userid],
      bindingsRemoved: 1,
      contactsErased: 1,
      verificationsErased: 1,
      eventsErased: 6,
      callbacksRemoved: 1,
    })

    expect(
      await db.selectFrom('bindings').where('external_userid', '=', w.contact.external_userid).selectAll().execute(),
    ).toEqual([])
    expect(
      await db
        .selectFrom('wecom_contacts')
        .select(['name', 'avatar', 'remark'])
        .where('external_userid', '=', w.contact.external_userid)
        .execute(),
    ).toEqual([{ name: '已删除客户', avatar: '', remark: null }])
    expect(
      (
        await db
          .selectFrom('verifications')
          .select('client_ip')
          .where('external_userid', '=', w.contact.external_userid)
          .executeTakeFirstOrThrow()
      ).client_ip,
    ).toBeNull()
    expect(await db.selectFrom('wecom_callbacks').selectAll().execute()).toEqual([])
    expect(await eventCounts()).toEqual(counts)
    expect(await dashboardNumbers()).toEqual(dashboard)

    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.erasure').execute()
    expect(audit).toMatchObject([
      { actor_staff_id: w.admin.id, target: `contact:${w.contact.external_userid}`, outcome: 'allowed' },
    ])
  })

  it('when erased by CIF number, then every contact of that customer is erased, the person is not findable by name, and a repeat changes nothing', async () => {
    const db = t.ctx.db.kysely
    const rollups = await rollupSnapshot(t)
    const admin = await signIn(t, w.admin.wecom_userid)
    const res = await admin.request('POST', '/api/privacy/erasure', { cifNo: w.customer.cif_no })
    expect(res.json).toEqual({
      externalUserIds: [second.external_userid],
      ...ZERO,
      bindingsRemoved: 1,
      contactsErased: 1,
    })

    const like = `%${PERSON.name}%`
    expect(
      await db
        .selectFrom('wecom_contacts')
        .selectAll()
        .where((eb) =>
          eb.or([eb('name', 'like', like), eb('remark', 'like', like), eb('remark', 'like', `%${PERSON.phone}%`)]),
        )
        .execute(),
    ).toEqual([])
    expect(
      await db
        .selectFrom('events')
        .selectAll()
        .where(sql<boolean>`payload like ${like}`)
        .execute(),
    ).toEqual([])
    const staffView = await (
      await signIn(t, w.boss.wecom_userid)
    ).request('GET', `/api/dashboard/staff/${w.alice.wecom_userid}?period=month`)
    expect(staffView.status).toBe(200)
    expect(staffView.text).not.toContain(PERSON.name)
    expect(await rollupSnapshot(t)).toEqual(rollups)

    const again = await admin.request('POST', '/api/privacy/erasure', { cifNo: w.customer.cif_no })
    expect(again.json).toEqual({ externalUserIds: [], ...ZERO })
    const repeat = await admin.request('POST', '/api/privacy/erasure', { externalUserId: w.contact.external_userid })
    expect(repeat.json).toEqual({ externalUserIds: [w.contact.external_userid], ...ZERO })
  })

  it('when someone other than an admin asks, or the body names both or neither, then 403 or 400', async () => {
    for (const who of [w.boss, w.middle, w.alice]) {
      expect(
        (
          await (
            await signIn(t, who.wecom_userid)
          ).request('POST', '/api/privacy/erasure', { cifNo: w.customer.cif_no })
        ).status,
      ).toBe(403)
    }
    const admin = await signIn(t, w.admin.wecom_userid)
    for (const body of [{}, { cifNo: 'C1', externalUserId: 'wm1' }, { cifNo: 'C 1' }]) {
      const res = await admin.request('POST', '/api/privacy/erasure', body)
      expect([res.status, res.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])
    }
  })
})
