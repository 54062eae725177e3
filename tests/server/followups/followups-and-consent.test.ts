import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertBranch, insertContact, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'

describe('跟进记录 and marketing consent in the sidebar', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  async function bank() {
    const db = t.ctx.db.kysely
    const branch = await insertBranch(db, { level: 'branch', name: '杭州分行', province: '浙江' })
    const manager = await insertStaff(db, branch.id, 'front', { name: '王敏' })
    const colleague = await insertStaff(db, branch.id, 'front', { name: '赵强' })
    const contact = await insertContact(db, manager.wecom_userid!)
    const as = async (userid: string) => {
      const c = client(t.baseUrl)
      await c.request('POST', '/api/demo/login', { userid })
      return c
    }
    return {
      db,
      manager,
      colleague,
      contact,
      me: await as(manager.wecom_userid!),
      other: await as(colleague.wecom_userid!),
    }
  }

  it('when a note carries ID, mobile and card numbers, then it is stored and returned masked, and the write is audited', async () => {
    const b = await bank()
    const path = `/api/contacts/${b.contact.external_userid}/followups`
    const note = '客户身份证330106199001011234，手机13812345678，卡号6222021234567890123，下周再约'
    const created = await b.me.request('POST', path, { note, nextOn: '2026-12-12' })
    expect(created.status).toBe(201)
    expect(created.json.note).toBe('客户身份证3301**********1234，手机138****5678，卡号6222***********0123，下周再约')
    const stored = await b.db
      .selectFrom('followups')
      .select(['note', 'next_on'])
      .where('id', '=', created.json.id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ note: created.json.note, next_on: '2026-12-12' })
    const list = await b.me.request('GET', path)
    expect(list.json.items).toEqual([
      expect.objectContaining({ note: created.json.note, staffName: '王敏', mine: true }),
    ])
    const audit = await b.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'followup.create')
      .where('target', '=', `contact:${b.contact.external_userid}`)
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('when another manager reads or writes notes of a contact who is not theirs, then 403 NOT_YOUR_CONTACT and nothing is written', async () => {
    const b = await bank()
    const path = `/api/contacts/${b.contact.external_userid}/followups`
    expect((await b.other.request('GET', path)).json.error.code).toBe('NOT_YOUR_CONTACT')
    const denied = await b.other.request('POST', path, { note: '越权写入' })
    expect(denied.status).toBe(403)
    const rows = await b.db
      .selectFrom('followups')
      .select('id')
      .where('external_userid', '=', b.contact.external_userid)
      .execute()
    expect(rows).toEqual([])
  })

  it('when the note is empty or the date impossible, then 400 VALIDATION_FAILED naming the field', async () => {
    const b = await bank()
    const path = `/api/contacts/${b.contact.external_userid}/followups`
    const empty = await b.me.request('POST', path, { note: '   ' })
    expect(empty.status).toBe(400)
    expect(empty.json.error.code).toBe('VALIDATION_FAILED')
    const badDate = await b.me.request('POST', path, { note: '回访', nextOn: '2026/12/12' })
    expect(badDate.status).toBe(400)
  })

  it('when the manager records an opt-out and later an opt-in, then the latest answer decides and both are kept', async () => {
    const b = await bank()
    const path = `/api/contacts/${b.contact.external_userid}/marketing-consent`
    expect((await b.me.request('GET', path)).json).toEqual({ optedOut: false, channel: null, at: null })
    expect((await b.me.request('PUT', path, { optedOut: true })).json).toMatchObject({
      optedOut: true,
      channel: 'told_manager',
    })
    expect((await b.me.request('PUT', path, { optedOut: false })).json).toMatchObject({ optedOut: false })
    const rows = await b.db
      .selectFrom('marketing_consent')
      .select('opted_out')
      .where('external_userid', '=', b.contact.external_userid)
      .orderBy('id')
      .execute()
    expect(rows.map((r) => r.opted_out)).toEqual([1, 0])
    expect((await b.other.request('PUT', path, { optedOut: true })).status).toBe(403)
  })

  it('when a follow-up day has come, then the to-do lists it until a later note shows the follow-up happened', async () => {
    t.setNow(new Date('2026-12-10T02:00:00Z'))
    try {
      const b = await bank()
      const path = `/api/contacts/${b.contact.external_userid}/followups`
      await b.me.request('POST', path, { note: '约周三面谈', nextOn: '2026-12-09' })
      await b.me.request(
        'POST',
        `/api/contacts/${(await insertContact(b.db, b.manager.wecom_userid!)).external_userid}/followups`,
        {
          note: '下月再联系',
          nextOn: '2027-01-10',
        },
      )
      const due = (await b.me.request('GET', '/api/me/todo')).json.followups
      expect(due).toEqual([
        { externalUserId: b.contact.external_userid, name: b.contact.name, nextOn: '2026-12-09', note: '约周三面谈' },
      ])
      await b.me.request('POST', path, { note: '已面谈，客户考虑中' })
      expect((await b.me.request('GET', '/api/me/todo')).json.followups).toEqual([])
    } finally {
      t.setNow(undefined)
    }
  })
})
