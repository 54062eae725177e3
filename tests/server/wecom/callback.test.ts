import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { computeMsgSignature, encryptMessage } from '../../../server/features/wecom/callback-crypto.js'
import { processPendingCallbacks, stopCallbackProcessing } from '../../../server/features/wecom/callback-processor.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { contactEvent, delivery, RANDOM, waitFor } from './callback-delivery.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'
import { browser } from './http.js'
import { SET_A } from './vectors.js'

const NOW = new Date('2025-03-03T02:00:00Z')
const NOW_S = NOW.getTime() / 1000

describe('WeCom callback receiver', () => {
  let fake: FakeQyapi
  let t: TestApp
  beforeAll(async () => {
    fake = await startFakeQyapi()
    t = await startTestApp({
      WECOM_API_BASE: fake.base,
      WECOM_CALLBACK_TOKEN: SET_A.token,
      WECOM_CALLBACK_AES_KEY: SET_A.aesKey,
      WECOM_CORP_ID: SET_A.corpId,
    })
    t.setNow(NOW)
  })
  afterEach(async () => {
    fake.reset()
    t.setNow(NOW)
    const db = t.ctx.db.kysely
    await Promise.all([
      db.deleteFrom('wecom_callbacks').execute(),
      db.deleteFrom('wecom_contacts').execute(),
      db.deleteFrom('events').execute(),
    ])
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
  })

  const db = () => t.ctx.db.kysely
  const post = (d: { query: string; body: string }) =>
    browser(t.baseUrl).request('POST', `/api/wecom/callback${d.query}`, {
      body: d.body,
      headers: { 'content-type': 'text/xml' },
    })
  const counts = async () => ({
    callbacks: (await db().selectFrom('wecom_callbacks').select('id').execute()).length,
    contacts: (await db().selectFrom('wecom_contacts').select('id').execute()).length,
    events: (await db().selectFrom('events').select('id').execute()).length,
  })
  const processed = () =>
    waitFor(async () => {
      const rows = await db().selectFrom('wecom_callbacks').select('processed_at').execute()
      return rows.length > 0 && rows.every((r) => r.processed_at !== null)
    })
  const detail = (name: string) => ({
    errcode: 0,
    external_contact: {
      external_userid: 'wmCUST001',
      name,
      avatar: 'https://wework.qpic.cn/a.png',
      type: 1,
      gender: 2,
    },
    follow_user: [
      { userid: 'zhangsan', remark: '王女士-理财', createtime: NOW_S - 30, add_way: 1, state: 'branch01', tags: [] },
    ],
  })

  it('when WeCom verifies the URL with the official vector, then the plaintext comes back exactly', async () => {
    t.setNow(new Date(Number(SET_A.verify.timestamp) * 1000))
    const v = SET_A.verify
    const q = `msg_signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${encodeURIComponent(v.echostr)}`
    const res = await browser(t.baseUrl).request('GET', `/api/wecom/callback?${q}`)
    expect(res.status).toBe(200)
    expect(res.text).toBe('1616140317555161061')
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
  })

  it('when the URL check has a forged signature, then 403', async () => {
    const echostr = encryptMessage('12345', SET_A.aesKey, SET_A.corpId, RANDOM)
    const sig = computeMsgSignature('wrongtoken', String(NOW_S), 'n1', echostr)
    const res = await browser(t.baseUrl).request(
      'GET',
      `/api/wecom/callback?msg_signature=${sig}&timestamp=${NOW_S}&nonce=n1&echostr=${encodeURIComponent(echostr)}`,
    )
    expect(res.status).toBe(403)
    expect(res.json.error.code).toBe('CALLBACK_SIGNATURE_INVALID')
  })

  it('when the official message vector is posted, then 200 empty and it is stored once as a message', async () => {
    t.setNow(new Date(Number(SET_A.post.timestamp) * 1000))
    const p = SET_A.post
    const body = `<xml><ToUserName><![CDATA[${SET_A.corpId}]]></ToUserName><AgentID><![CDATA[218]]></AgentID><Encrypt><![CDATA[${p.encrypt}]]></Encrypt></xml>`
    const res = await post({ query: `?msg_signature=${p.signature}&timestamp=${p.timestamp}&nonce=${p.nonce}`, body })
    expect(res.status).toBe(200)
    expect(res.text).toBe('')
    await processed()
    const rows = await db().selectFrom('wecom_callbacks').selectAll().execute()
    expect(rows).toMatchObject([{ dedupe_key: 'msg:4561255354251345929', msg_type: 'text', payload: p.plaintext }])
    expect((await counts()).events).toBe(0)
  })

  it('when a customer is added, then the contact is upserted with WeCom details and contact_added is logged', async () => {
    fake.on('/externalcontact/get', () => detail('王女士'))
    const res = await post(
      delivery(
        contactEvent(
          'add_external_contact',
          NOW_S,
          '<State><![CDATA[branch01]]></State><WelcomeCode><![CDATA[WC1]]></WelcomeCode>',
        ),
        { timestamp: NOW_S },
      ),
    )
    expect(res.status).toBe(200)
    expect(res.text).toBe('')
    await processed()
    const contact = await db().selectFrom('wecom_contacts').selectAll().executeTakeFirstOrThrow()
    expect(contact).toMatchObject({
      staff_userid: 'zhangsan',
      external_userid: 'wmCUST001',
      name: '王女士',
      avatar: 'https://wework.qpic.cn/a.png',
      type: 1,
      gender: 2,
      add_way: 1,
      state: 'branch01',
      remark: '王女士-理财',
      deleted_at: null,
      deleted_by: null,
    })
    expect(contact.add_time).toBe(new Date((NOW_S - 30) * 1000).toISOString())
    const events = await db().selectFrom('events').selectAll().execute()
    expect(events).toMatchObject([
      {
        type: 'contact_added',
        staff_userid: 'zhangsan',
        external_userid: 'wmCUST001',
        source: 'callback',
        dedupe_key: `evt:sys:${NOW_S}:change_external_contact:add_external_contact:zhangsan:wmCUST001`,
      },
    ])
    expect(fake.calls.find((c) => c.path === '/externalcontact/get')?.query.external_userid).toBe('wmCUST001')
    expect(t.logs.join('\n')).not.toContain('王女士')
  })

  it('when the same event is delivered again, then 200 and nothing changes', async () => {
    fake.on('/externalcontact/get', () => detail('王女士'))
    const d = delivery(contactEvent('add_external_contact', NOW_S), { timestamp: NOW_S })
    await post(d)
    await processed()
    const before = await counts()
    const again = await post(delivery(contactEvent('add_external_contact', NOW_S), { timestamp: NOW_S, nonce: '999' }))
    expect(again.status).toBe(200)
    // A processing pass after the re-delivery finds nothing new to do.
    await processPendingCallbacks(t.ctx)
    expect(await counts()).toEqual(before)
    expect(before).toEqual({ callbacks: 1, contacts: 1, events: 1 })
    expect(fake.count('/externalcontact/get')).toBe(1)
  })

  it('when WeCom says the relation is already gone (84061), then the event is kept and no blank relation is stored', async () => {
    fake.on('/externalcontact/get', () => ({ errcode: 84061, errmsg: 'not external contact' }))
    await post(
      delivery(contactEvent('add_half_external_contact', NOW_S, '<State><![CDATA[qr7]]></State>'), {
        timestamp: NOW_S,
      }),
    )
    await processed()
    expect(await db().selectFrom('wecom_contacts').selectAll().execute()).toEqual([])
    const events = await db().selectFrom('events').select(['type', 'payload']).execute()
    expect(events.map((e) => e.type)).toEqual(['contact_added'])
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ state: 'qr7', relationGone: true })
  })

  it('when the customer deletes the member, then deleted_by is customer; when the member deletes, staff', async () => {
    fake.on('/externalcontact/get', () => detail('王女士'))
    await post(delivery(contactEvent('add_external_contact', NOW_S - 100), { timestamp: NOW_S }))
    await processed()
    await post(delivery(contactEvent('del_follow_user', NOW_S), { timestamp: NOW_S }))
    await processed()
    expect(await db().selectFrom('wecom_contacts').selectAll().executeTakeFirstOrThrow()).toMatchObject({
      name: '王女士',
      deleted_at: NOW.toISOString(),
      deleted_by: 'customer',
    })
    await post(delivery(contactEvent('del_external_contact', NOW_S + 5), { timestamp: NOW_S }))
    await processed()
    expect(await db().selectFrom('wecom_contacts').select('deleted_by').executeTakeFirstOrThrow()).toEqual({
      deleted_by: 'staff',
    })
    const types = await db().selectFrom('events').select('type').orderBy('id').execute()
    expect(types.map((e) => e.type)).toEqual(['contact_added', 'contact_deleted', 'contact_deleted'])
  })

  it('when a deletion arrives for a relation never stored, then its event is kept and no relation row is made (it would be an add at the deletion time)', async () => {
    await post(delivery(contactEvent('del_follow_user', NOW_S), { timestamp: NOW_S }))
    await post(
      delivery(contactEvent('del_external_contact', NOW_S + 1, '<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>'), {
        timestamp: NOW_S,
      }),
    )
    await processed()
    expect(await counts()).toEqual({ callbacks: 2, contacts: 0, events: 2 })
    const events = await db().selectFrom('events').select(['type', 'staff_userid', 'external_userid']).execute()
    expect(events).toEqual([
      { type: 'contact_deleted', staff_userid: 'zhangsan', external_userid: 'wmCUST001' },
      { type: 'contact_transferred', staff_userid: 'zhangsan', external_userid: 'wmCUST001' },
    ])
    expect(fake.count('/externalcontact/get')).toBe(0)
  })

  it('when the remark is edited, then details refresh and contact_edited is logged', async () => {
    fake.on('/externalcontact/get', () => detail('王女士'))
    await post(delivery(contactEvent('add_external_contact', NOW_S - 100), { timestamp: NOW_S }))
    await processed()
    fake.on('/externalcontact/get', () => ({
      ...detail('王女士'),
      follow_user: [{ ...detail('').follow_user[0], remark: '王女士-VIP' }],
    }))
    await post(delivery(contactEvent('edit_external_contact', NOW_S), { timestamp: NOW_S }))
    await processed()
    expect(await db().selectFrom('wecom_contacts').select('remark').executeTakeFirstOrThrow()).toEqual({
      remark: '王女士-VIP',
    })
    expect((await db().selectFrom('events').select('type').orderBy('id').execute()).map((e) => e.type)).toEqual([
      'contact_added',
      'contact_edited',
    ])
  })

  const rejected: [string, () => { query: string; body: string }, number, string][] = [
    [
      'a forged signature',
      () => delivery(contactEvent('add_external_contact', NOW_S), { timestamp: NOW_S, token: 'NotOurToken' }),
      403,
      'CALLBACK_SIGNATURE_INVALID',
    ],
    [
      'another corp as receiveid',
      () => delivery(contactEvent('add_external_contact', NOW_S), { timestamp: NOW_S, receiveId: 'wwOtherCorp' }),
      400,
      'CALLBACK_RECEIVER_MISMATCH',
    ],
    [
      'a stale timestamp',
      () => delivery(contactEvent('add_external_contact', NOW_S - 700), { timestamp: NOW_S - 601 }),
      400,
      'CALLBACK_STALE',
    ],
    [
      'a future timestamp',
      () => delivery(contactEvent('add_external_contact', NOW_S), { timestamp: NOW_S + 601 }),
      400,
      'CALLBACK_STALE',
    ],
    [
      'garbage instead of XML',
      () => ({ query: delivery('<xml/>', { timestamp: NOW_S }).query, body: 'this is not xml <<<' }),
      400,
      'CALLBACK_BAD_REQUEST',
    ],
    ['encrypted garbage inside', () => delivery('not xml at all', { timestamp: NOW_S }), 400, 'CALLBACK_BAD_REQUEST'],
    [
      'a DOCTYPE in the body',
      () => ({
        ...delivery('<xml/>', { timestamp: NOW_S }),
        body: '<!DOCTYPE x [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>',
      }),
      400,
      'CALLBACK_BAD_REQUEST',
    ],
    [
      'no query parameters',
      () => ({ query: '', body: delivery('<xml/>', { timestamp: NOW_S }).body }),
      400,
      'CALLBACK_BAD_REQUEST',
    ],
  ]
  for (const [why, make, status, code] of rejected) {
    it(`when a delivery has ${why}, then ${status} ${code} and nothing is written`, async () => {
      const res = await post(make())
      expect(res.status).toBe(status)
      expect(res.json.error.code).toBe(code)
      expect(await counts()).toEqual({ callbacks: 0, contacts: 0, events: 0 })
    })
  }

  it('when a stored callback was not processed (crash), then processPendingCallbacks completes it', async () => {
    fake.on('/externalcontact/get', () => detail('赵先生'))
    await db()
      .insertInto('wecom_callbacks')
      .values({
        dedupe_key: 'evt:sys:1:x',
        msg_type: 'event',
        event: 'change_external_contact',
        change_type: 'add_external_contact',
        payload: contactEvent('add_external_contact', NOW_S),
        received_at: NOW.toISOString(),
        attempts: 0,
      })
      .execute()
    expect(await processPendingCallbacks(t.ctx)).toBe(1)
    expect(await db().selectFrom('wecom_contacts').select('name').executeTakeFirstOrThrow()).toEqual({ name: '赵先生' })
    expect(await db().selectFrom('wecom_callbacks').select('processed_at').executeTakeFirstOrThrow()).toEqual({
      processed_at: NOW.toISOString(),
    })
    expect(await processPendingCallbacks(t.ctx)).toBe(0)
  })

  it('when processing stops (shutdown) with a WeCom lookup in flight, then that callback completes, the next stays stored untried, and a later pass applies it', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    fake.on('/externalcontact/get', async (_call, n) => {
      if (n === 1) await held
      return detail(n === 1 ? '钱女士' : '钱女士（改）')
    })
    await post(delivery(contactEvent('add_external_contact', NOW_S), { timestamp: NOW_S }))
    await waitFor(async () => fake.count('/externalcontact/get') === 1)
    await post(delivery(contactEvent('edit_external_contact', NOW_S + 1), { timestamp: NOW_S }))
    let stopped = false
    const stop = stopCallbackProcessing(t.ctx).then(() => (stopped = true))
    await new Promise((r) => setTimeout(r, 100))
    expect(stopped).toBe(false) // waits for the lookup in hand
    release()
    await stop
    const rows = () =>
      db().selectFrom('wecom_callbacks').select(['change_type', 'processed_at', 'attempts']).orderBy('id').execute()
    expect(await rows()).toEqual([
      { change_type: 'add_external_contact', processed_at: NOW.toISOString(), attempts: 0 },
      { change_type: 'edit_external_contact', processed_at: null, attempts: 0 },
    ])
    expect(fake.count('/externalcontact/get')).toBe(1)
    expect(await processPendingCallbacks(t.ctx)).toBe(1)
    expect((await rows())[1]?.processed_at).toBe(NOW.toISOString())
    expect(await db().selectFrom('wecom_contacts').select('name').executeTakeFirstOrThrow()).toEqual({
      name: '钱女士（改）',
    })
  })
})
