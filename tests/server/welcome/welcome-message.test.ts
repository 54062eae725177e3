import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { emitContactEvent } from '../../../server/features/simulator/callback-emitter.js'
import { processPendingCallbacks } from '../../../server/features/wecom/callback-processor.js'
import { issueWelcomeCode } from '../../../server/features/simulator/cgi-welcome.routes.js'
import { insertFollow, insertPerson } from '../simulator/factories.js'
import { contentBank, signIn, type Bank, type Client } from '../content/content-fixtures.js'
import { startTestAppWithWecom, type SimulatorProxy } from '../support/simulator-proxy.js'
import type { TestApp } from '../support/test-app.js'

// Sessions are signed in on the real clock: the tests keep the app's clock near it and move only the codes' times.
const NOW = new Date()
const VALID_UNTIL = new Date(NOW.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)
const APPROVED_TEXT = '您好，我是您的专属客户经理，很高兴为您服务。理财非存款、产品有风险、投资须谨慎。'

describe('欢迎语 answered for the WelcomeCode of an add callback', () => {
  let t: TestApp
  let proxy: SimulatorProxy
  let bank: Bank
  let author: Client
  let reviewer: Client
  beforeAll(async () => {
    ;({ t, proxy } = await startTestAppWithWecom())
    bank = await contentBank(t)
    author = await signIn(t, bank.author.wecom_userid)
    reviewer = await signIn(t, bank.reviewer.wecom_userid)
  })
  afterEach(async () => {
    t.setNow(undefined)
    const db = t.ctx.db.kysely
    await db.deleteFrom('welcome_sends').execute()
    await db.deleteFrom('welcome_messages').execute()
  })
  afterAll(async () => {
    await t.close()
    await proxy.close()
  })
  const db = () => t.ctx.db.kysely

  async function draft(text: string, extra: Record<string, unknown> = {}): Promise<number> {
    const res = await author.request('POST', '/api/welcome/messages', { title: '默认欢迎语', text, ...extra })
    expect(res.status).toBe(201)
    return res.json.id
  }
  async function approved(text: string, validUntil = VALID_UNTIL): Promise<number> {
    const id = await draft(text)
    expect((await author.request('POST', `/api/welcome/messages/${id}/submit`)).status).toBe(200)
    expect((await reviewer.request('POST', `/api/welcome/messages/${id}/approve`, { validUntil })).status).toBe(200)
    return id
  }
  const callbackUrl = () => `${t.baseUrl}/api/wecom/callback`
  /** A customer adds the manager in the simulated WeCom: the add event, WelcomeCode included, reaches the app. */
  async function customerAdds(opts: { codeIssuedAt?: Date; createTime?: number } = {}) {
    const externalUserid = await insertPerson(t.ctx.db, { name: '陈静' })
    await insertFollow(t.ctx.db, bank.manager.wecom_userid, externalUserid)
    t.setNow(opts.codeIssuedAt ?? NOW)
    const code = await issueWelcomeCode(t.ctx, bank.manager.wecom_userid, externalUserid)
    t.setNow(NOW)
    const event = {
      changeType: 'add_external_contact' as const,
      userid: bank.manager.wecom_userid,
      externalUserId: externalUserid,
      welcomeCode: code,
    }
    const delivery = await emitContactEvent(t.ctx, event, { url: callbackUrl(), createTime: opts.createTime })
    expect(delivery.delivered).toBe(true)
    return { externalUserid, code, event }
  }
  const sendOf = (externalUserid: string) =>
    expect
      .poll(
        () =>
          db()
            .selectFrom('welcome_sends')
            .select('error')
            .where('external_userid', '=', externalUserid)
            .executeTakeFirst()
            .then((r) => (r ? r.error !== '发送中' : false)),
        { timeout: 5000 },
      )
      .toBe(true)
      .then(() =>
        db()
          .selectFrom('welcome_sends')
          .selectAll()
          .where('external_userid', '=', externalUserid)
          .executeTakeFirstOrThrow(),
      )
  const relationStored = (externalUserid: string) =>
    expect
      .poll(
        async () =>
          (
            await db()
              .selectFrom('wecom_contacts')
              .select(['name', 'deleted_at'])
              .where('external_userid', '=', externalUserid)
              .executeTakeFirst()
          )?.name,
        { timeout: 5000 },
      )
      .toBe('陈静')
  const chatOf = (externalUserid: string) =>
    db()
      .selectFrom('sim_chat_messages')
      .select(['msgtype', 'payload'])
      .where('conversation_id', '=', externalUserid)
      .execute()

  it('when an approved message is live and a customer adds the manager, then WeCom receives its text within the 20 s and the send is recorded', async () => {
    t.setNow(NOW)
    const id = await approved(APPROVED_TEXT)
    const { externalUserid } = await customerAdds()
    const send = await sendOf(externalUserid)
    expect(send).toMatchObject({
      result: 'sent',
      message_id: id,
      staff_userid: bank.manager.wecom_userid,
      errcode: null,
    })
    expect(send.approval_no).toMatch(/^ZT-\d{4}-\d{6}$/)
    expect((await chatOf(externalUserid)).map((m) => JSON.parse(m.payload))).toEqual([
      { msgtype: 'text', text: { content: APPROVED_TEXT } },
    ])
    const code = await db()
      .selectFrom('sim_welcome_codes')
      .selectAll()
      .where('code', '=', send.welcome_code)
      .executeTakeFirstOrThrow()
    expect(code.used_at).not.toBeNull()
    await relationStored(externalUserid)
    const gate = await db()
      .selectFrom('compliance_checks')
      .select(['path', 'blocked'])
      .where('ref_id', '=', String(send.id))
      .where('path', '=', 'welcome.send')
      .execute()
    expect(gate).toEqual([{ path: 'welcome.send', blocked: 0 }])
  })

  it('when the only message is still in review, then nothing is sent, the code stays unused and the relation is stored', async () => {
    t.setNow(NOW)
    const id = await draft(APPROVED_TEXT)
    expect((await author.request('POST', `/api/welcome/messages/${id}/submit`)).status).toBe(200)
    const before = proxy.count('/externalcontact/send_welcome_msg')
    const { externalUserid } = await customerAdds()
    expect(await sendOf(externalUserid)).toMatchObject({ result: 'no_message', message_id: null })
    await relationStored(externalUserid)
    expect(proxy.count('/externalcontact/send_welcome_msg')).toBe(before)
    expect(await chatOf(externalUserid)).toEqual([])
  })

  it('when the approved message’s validity has ended, then it is not sent', async () => {
    t.setNow(NOW)
    const id = await approved(APPROVED_TEXT)
    await db()
      .updateTable('welcome_messages')
      .set({ valid_until: new Date(NOW.getTime() - 60_000).toISOString() })
      .where('id', '=', id)
      .execute()
    const before = proxy.count('/externalcontact/send_welcome_msg')
    const { externalUserid } = await customerAdds()
    expect(await sendOf(externalUserid)).toMatchObject({ result: 'no_message' })
    expect(proxy.count('/externalcontact/send_welcome_msg')).toBe(before)
    expect(await chatOf(externalUserid)).toEqual([])
  })

  it('when WeCom says the code is expired (41051), then that is recorded once, never retried, and the relation is still stored', async () => {
    t.setNow(NOW)
    await approved(APPROVED_TEXT)
    const before = proxy.count('/externalcontact/send_welcome_msg')
    // Issued 25 s ago by the simulator's clock, the event stamped now: our side still sees a fresh code.
    const { externalUserid, code, event } = await customerAdds({ codeIssuedAt: new Date(NOW.getTime() - 25_000) })
    expect(await sendOf(externalUserid)).toMatchObject({ result: 'code_used', errcode: 41051 })
    await relationStored(externalUserid)
    expect(proxy.count('/externalcontact/send_welcome_msg')).toBe(before + 1)
    // WeCom delivers the same event again, a second later: the code is already handled, no second call.
    await emitContactEvent(t.ctx, event, { url: callbackUrl(), createTime: Math.floor(NOW.getTime() / 1000) + 1 })
    await processPendingCallbacks(t.ctx)
    expect(proxy.count('/externalcontact/send_welcome_msg')).toBe(before + 1)
    const rows = await db().selectFrom('welcome_sends').select('result').where('welcome_code', '=', code).execute()
    expect(rows).toEqual([{ result: 'code_used' }])
  })

  it('when the callback is processed more than 20 s after WeCom issued the code, then no call is made and it is recorded as too late', async () => {
    t.setNow(NOW)
    await approved(APPROVED_TEXT)
    const before = proxy.count('/externalcontact/send_welcome_msg')
    const { externalUserid } = await customerAdds({ createTime: Math.floor(NOW.getTime() / 1000) - 30 })
    expect(await sendOf(externalUserid)).toMatchObject({ result: 'too_late' })
    await relationStored(externalUserid)
    expect(proxy.count('/externalcontact/send_welcome_msg')).toBe(before)
  })

  it('when a welcome text promises yield, then submitting is refused with the findings, it stays a draft and cannot be approved', async () => {
    t.setNow(NOW)
    const id = await draft('欢迎您！我行理财保本保息，稳赚不赔。')
    const submit = await author.request('POST', `/api/welcome/messages/${id}/submit`)
    expect(submit.status).toBe(422)
    expect(submit.json.error.code).toBe('COMPLIANCE_BLOCKED')
    expect(submit.json.error.details.findings.length).toBeGreaterThan(0)
    const approve = await reviewer.request('POST', `/api/welcome/messages/${id}/approve`, { validUntil: VALID_UNTIL })
    expect(approve.status).toBe(409)
    const row = await db()
      .selectFrom('welcome_messages')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('draft')
  })

  it('when a branch has its own approved message, then its managers’ customers receive it instead of the default', async () => {
    t.setNow(NOW)
    await approved(APPROVED_TEXT)
    const own = await draft('您好，欢迎来到杭州西湖支行，我是您的客户经理。', { branchId: bank.sub.id })
    expect((await author.request('POST', `/api/welcome/messages/${own}/submit`)).status).toBe(200)
    expect(
      (await reviewer.request('POST', `/api/welcome/messages/${own}/approve`, { validUntil: VALID_UNTIL })).status,
    ).toBe(200)
    const { externalUserid } = await customerAdds()
    expect(await sendOf(externalUserid)).toMatchObject({ result: 'sent', message_id: own })
  })

  it('when a front-office manager asks for the welcome messages, then they are refused', async () => {
    const manager = await signIn(t, bank.manager.wecom_userid)
    expect((await manager.request('GET', '/api/welcome')).status).toBe(403)
    expect((await manager.request('POST', '/api/welcome/messages', { title: '欢迎', text: '欢迎您' })).status).toBe(403)
    const overview = await author.request('GET', '/api/welcome')
    expect(overview.status).toBe(200)
  })
})
