import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { contactEventXml, emitContactEvent } from '../../../server/features/simulator/callback-emitter.js'
import { computeMsgSignature, decryptMessage } from '../../../server/features/wecom/callback-crypto.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { staffWithCustomer } from './factories.js'

interface Received {
  query: URLSearchParams
  body: string
}

/** A stand-in for the app's callback receiver: records posts and answers per a script of behaviours. */
function receiver() {
  const received: Received[] = []
  let script: ('ok' | 'fail' | 'hang')[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ query: new URL(req.url!, 'http://x').searchParams, body })
      const next = script.shift() ?? 'ok'
      if (next === 'hang') return
      res.writeHead(next === 'ok' ? 200 : 500).end()
    })
  })
  return { server, received, setScript: (s: typeof script) => (script = s) }
}

let rx: ReturnType<typeof receiver>
let app: TestApp

beforeAll(async () => {
  rx = receiver()
  await new Promise<void>((r) => rx.server.listen(0, '127.0.0.1', () => r()))
  const port = (rx.server.address() as AddressInfo).port
  app = await startTestApp({ PUBLIC_BASE_URL: `http://127.0.0.1:${port}` })
})
afterEach(() => {
  rx.received.length = 0
  rx.setScript([])
})
afterAll(async () => {
  await app.close()
  rx.server.closeAllConnections()
  await new Promise((r) => rx.server.close(r))
})

const inner = (xml: string, tag: string) =>
  new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${tag}>`).exec(xml)?.[1]

describe('callback emitter', () => {
  it("when an event is emitted, then WeCom's signed, encrypted envelope arrives and decrypts to the event", async () => {
    const { token, aesKey, corpId, agentId } = {
      token: app.ctx.config.wecom.callbackToken,
      aesKey: app.ctx.config.wecom.callbackAesKey,
      corpId: app.ctx.config.wecom.corpId,
      agentId: app.ctx.config.wecom.agentId,
    }
    const result = await emitContactEvent(
      app.ctx,
      {
        changeType: 'add_external_contact',
        userid: 'zhangsan',
        externalUserId: 'wmABC',
        state: 'qr1',
        welcomeCode: 'WELCOME',
      },
      { nonce: '1372623149', createTime: 1409659813 },
    )
    expect(result).toEqual({ delivered: true, attempts: 1, outcomes: [200] })
    const [got] = rx.received
    expect(got!.query.get('timestamp')).toBe('1409659813')
    expect(got!.query.get('nonce')).toBe('1372623149')
    expect(inner(got!.body, 'ToUserName')).toBe(corpId)
    expect(inner(got!.body, 'AgentID')).toBe(agentId)
    const encrypted = inner(got!.body, 'Encrypt')!
    expect(got!.query.get('msg_signature')).toBe(computeMsgSignature(token, '1409659813', '1372623149', encrypted))
    const { message, receiveId } = decryptMessage(encrypted, aesKey)
    expect(receiveId).toBe(corpId)
    expect(message).toBe(
      contactEventXml(
        corpId,
        {
          changeType: 'add_external_contact',
          userid: 'zhangsan',
          externalUserId: 'wmABC',
          state: 'qr1',
          welcomeCode: 'WELCOME',
        },
        1409659813,
      ),
    )
    for (const [tag, value] of [
      ['FromUserName', 'sys'],
      ['MsgType', 'event'],
      ['Event', 'change_external_contact'],
      ['ChangeType', 'add_external_contact'],
      ['UserID', 'zhangsan'],
      ['ExternalUserID', 'wmABC'],
      ['State', 'qr1'],
      ['WelcomeCode', 'WELCOME'],
      ['CreateTime', '1409659813'],
    ]) {
      expect(inner(message, tag!)).toBe(value)
    }
  })

  it('when the receiver fails twice, then the third attempt delivers the same envelope', async () => {
    rx.setScript(['fail', 'fail', 'ok'])
    const result = await emitContactEvent(
      app.ctx,
      { changeType: 'del_follow_user', userid: 'u', externalUserId: 'wm1' },
      { callbackRetryDelayMs: 10 },
    )
    expect(result).toEqual({ delivered: true, attempts: 3, outcomes: [500, 500, 200] })
    expect(new Set(rx.received.map((r) => r.body)).size).toBe(1)
  })

  it('when the receiver never answers in time, then three attempts in total and no delivery', async () => {
    rx.setScript(['hang', 'hang', 'hang'])
    const result = await emitContactEvent(
      app.ctx,
      { changeType: 'del_follow_user', userid: 'u', externalUserId: 'wm1' },
      { callbackTimeoutMs: 150, callbackRetryDelayMs: 10 },
    )
    expect(result).toEqual({ delivered: false, attempts: 3, outcomes: ['timeout', 'timeout', 'timeout'] })
    expect(rx.received).toHaveLength(3)
  })
})

describe('simulator events API', () => {
  it('when a new customer is added, then a person and a follow exist and add_external_contact is delivered', async () => {
    const { userid } = await staffWithCustomer(app.ctx.db)
    const res = await client(app.baseUrl).request('POST', '/simulator/api/events', {
      changeType: 'add_external_contact',
      userid,
      person: { name: '林小雨', phone: '13912345678' },
      state: 'poster',
    })
    expect(res.status).toBe(200)
    expect(res.json.delivery.delivered).toBe(true)
    const ext = res.json.externalUserId as string
    const person = await client(app.baseUrl).request('GET', `/simulator/api/people/${ext}`)
    expect(person.json).toMatchObject({ name: '林小雨', phone: '13912345678' })
    const follow = await app.ctx.db.kysely
      .selectFrom('sim_follows')
      .selectAll()
      .where('external_userid', '=', ext)
      .executeTakeFirstOrThrow()
    expect(follow).toMatchObject({ userid, state: 'poster', deleted_by_member: 0 })
    const msg = decryptMessage(inner(rx.received[0]!.body, 'Encrypt')!, app.ctx.config.wecom.callbackAesKey).message
    expect(inner(msg, 'ExternalUserID')).toBe(ext)
    expect(inner(msg, 'WelcomeCode')).toBeTruthy()
  })

  it('when the member deletes the customer, then the relation is dropped and del_external_contact is delivered', async () => {
    const { userid, externalUserid } = await staffWithCustomer(app.ctx.db)
    const res = await client(app.baseUrl).request('POST', '/simulator/api/events', {
      changeType: 'del_external_contact',
      userid,
      externalUserId: externalUserid,
    })
    expect(res.json.delivery.delivered).toBe(true)
    const follow = await app.ctx.db.kysely
      .selectFrom('sim_follows')
      .selectAll()
      .where('external_userid', '=', externalUserid)
      .executeTakeFirstOrThrow()
    expect(follow.deleted_by_member).toBe(1)
    const msg = decryptMessage(inner(rx.received[0]!.body, 'Encrypt')!, app.ctx.config.wecom.callbackAesKey).message
    expect(inner(msg, 'ChangeType')).toBe('del_external_contact')
    const bad = await client(app.baseUrl).request('POST', '/simulator/api/events', {
      changeType: 'edit_external_contact',
      userid,
    })
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('VALIDATION_FAILED')
  })
})
