import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { processPendingCallbacks } from '../../../server/features/wecom/callback-processor.js'
import { callbackDedupeKey, parseInnerMessage } from '../../../server/features/wecom/callback-xml.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { storeCallback } from './callback-delivery.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'

const T = 1740967200
const event = (body: string) =>
  `<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${T}</CreateTime><MsgType><![CDATA[event]]></MsgType>${body}</xml>`
const chat = (chatId: string, change: string, detail = '') =>
  event(
    `<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[${chatId}]]></ChatId><ChangeType><![CDATA[${change}]]></ChangeType>${detail ? `<UpdateDetail><![CDATA[${detail}]]></UpdateDetail>` : ''}`,
  )
const tag = (id: string) =>
  event(
    `<Event><![CDATA[change_external_tag]]></Event><Id><![CDATA[${id}]]></Id><TagType><![CDATA[tag]]></TagType><ChangeType><![CDATA[create]]></ChangeType>`,
  )
const contact = (change: string, extra = '') =>
  event(
    `<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[${change}]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[wmC1]]></ExternalUserID>${extra}`,
  )
const key = (xml: string) => callbackDedupeKey(parseInnerMessage(xml)!)

describe('callback dedupe keys', () => {
  it('when two group or tag events come in the same second, then their keys differ', () => {
    expect(key(chat('wrA', 'update', 'add_member'))).not.toBe(key(chat('wrB', 'update', 'add_member')))
    expect(key(chat('wrA', 'update', 'add_member'))).not.toBe(key(chat('wrA', 'update', 'del_member')))
    expect(key(tag('et1'))).not.toBe(key(tag('et2')))
  })
  it('when a contact event has no extra fields, then its key is the one stored before', () => {
    expect(key(contact('add_external_contact'))).toBe(
      `evt:sys:${T}:change_external_contact:add_external_contact:zhangsan:wmC1`,
    )
  })
})

describe('group, tag and handover events', () => {
  let fake: FakeQyapi
  let t: TestApp
  beforeAll(async () => {
    fake = await startFakeQyapi()
    t = await startTestApp({ WECOM_API_BASE: fake.base })
  })
  afterEach(async () => {
    await t.ctx.db.kysely.deleteFrom('wecom_callbacks').execute()
    await t.ctx.db.kysely.deleteFrom('wecom_contacts').execute()
    await t.ctx.db.kysely.deleteFrom('events').execute()
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
  })
  const db = () => t.ctx.db.kysely
  const store = (xml: string) => storeCallback(db(), xml)

  it('when a group changes, then its cached details are dropped and the delivery is done', async () => {
    await db()
      .insertInto('kv')
      .values({ key: 'groups:chat:wrA', value: '{}', expires_at: Date.now() + 60_000 })
      .execute()
    await db()
      .insertInto('kv')
      .values({ key: 'groups:chat:wrB', value: '{}', expires_at: Date.now() + 60_000 })
      .execute()
    await store(chat('wrA', 'update', 'add_member'))
    await store(tag('et1'))
    await processPendingCallbacks(t.ctx)
    const keys = await db().selectFrom('kv').select('key').where('key', 'like', 'groups:chat:%').execute()
    expect(keys.map((k) => k.key)).toEqual(['groups:chat:wrB'])
    const pending = await db().selectFrom('wecom_callbacks').select('id').where('processed_at', 'is', null).execute()
    expect(pending).toEqual([])
  })

  it('when a handover deletes or fails, then it is recorded as such and not as the member deleting', async () => {
    await db()
      .insertInto('wecom_contacts')
      .values({
        staff_userid: 'zhangsan',
        external_userid: 'wmC1',
        name: '王女士',
        avatar: '',
        type: 1,
        gender: 2,
        add_way: 1,
        add_time: '2025-01-01T00:00:00.000Z',
        updated_at: '2025-01-01T00:00:00.000Z',
      })
      .execute()
    await store(contact('transfer_fail', '<FailReason><![CDATA[customer_refused]]></FailReason>'))
    await store(contact('del_external_contact', '<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>'))
    await processPendingCallbacks(t.ctx)
    const events = await db().selectFrom('events').select(['type', 'payload']).orderBy('id').execute()
    expect(events.map((e) => e.type)).toEqual(['contact_transfer_failed', 'contact_transferred'])
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ failReason: 'customer_refused' })
    expect(JSON.parse(events[1]!.payload)).toMatchObject({ deletedBy: 'transfer' })
  })
})
