import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../server/lib/secrets.js'
import { dayStart, expectLimited, from, startPair, type Pair } from './two-instances.js'

const MIN = 60_000
let ipSeq = 0
/** A fresh address per request, so only the per-subject limit can bite. */
const nextIp = () => `192.0.2.${++ipSeq % 250}`

describe('per-subject limits (phone, verification link, content link), across two instances', () => {
  let pair: Pair
  let t0 = 0
  beforeAll(async () => {
    pair = await startPair()
  })
  afterAll(async () => {
    await pair.close()
  })

  const at = (ms: number) => pair.setNow(new Date(t0 + ms))
  const call = (n: number, method: string, url: string, body?: unknown) =>
    from(pair, n, nextIp()).request(method, url, body)

  /** An opened verification link valid for a week from the test clock. */
  async function openLink(): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    const now = new Date(t0)
    await pair.a.ctx.db.kysely
      .insertInto('verifications')
      .values({
        id: randomUUID(),
        token_hash: sha256Hex(token),
        staff_userid: 'nobody',
        external_userid: `wmAbuse${++ipSeq}`,
        status: 'opened',
        created_at: now.toISOString(),
        expires_at: new Date(t0 + 7 * 86_400_000).toISOString(),
        sent_at: now.toISOString(),
        opened_at: now.toISOString(),
        verified_at: null,
        failed_at: null,
        failure_reason: null,
        identity_attempts: 0,
        code_attempts: 0,
        code_hash: null,
        code_expires_at: null,
        code_sent_at: null,
        candidate_cif_no: null,
        candidate_problem: null,
        cif_no: null,
        client_ip: null,
        ip_province: null,
      })
      .execute()
    return token
  }
  const sms = (n: number, token: string, phone: string) =>
    call(n, 'POST', `/api/public/verifications/${token}/sms`, { name: '张三', phone, consent: true })

  it('when one phone asks for codes through many links, IPs and both instances, then 1 a minute and 5 an hour, reset by the clock', async () => {
    t0 = dayStart(100).getTime()
    at(0)
    const phone = '13911110001'
    expect((await sms(0, await openLink(), phone)).status).toBe(202)
    expectLimited(
      await sms(1, await openLink(), phone),
      'SMS_RATE_LIMITED',
      'second code within the minute, other instance',
    )
    expect((await sms(1, await openLink(), '13911110002')).status, 'another phone').toBe(202)
    for (let m = 1; m <= 4; m++) {
      at(m * MIN)
      expect((await sms(m, await openLink(), phone)).status, `code ${m + 1} of 5 this hour`).toBe(202)
    }
    at(5 * MIN)
    expectLimited(await sms(1, await openLink(), phone), 'SMS_RATE_LIMITED', 'sixth code within the hour')
    at(60 * MIN)
    expect((await sms(0, await openLink(), phone)).status, 'next hour').toBe(202)
  })

  it('when one link asks for a second code within a minute, whatever the phone, IP or instance, then 429 until the minute is over', async () => {
    t0 = dayStart(101).getTime()
    at(0)
    const token = await openLink()
    expect((await sms(0, token, '13922220001')).status).toBe(202)
    expectLimited(await sms(1, token, '13922220002'), 'SMS_TOO_SOON')
    at(59_000)
    expectLimited(await sms(0, token, '13922220003'), 'SMS_TOO_SOON')
    at(MIN)
    // A second phone (the link allows two); the 02 request above was refused before it counted.
    expect((await sms(1, token, '13922220002')).status).toBe(202)
  })

  it('when one link sends codes to a third phone, or a sixth code, then 429 whatever the IP or instance, the same for customers and strangers', async () => {
    t0 = dayStart(104).getTime()
    const token = await openLink()
    // 13955550001 is nobody's phone; the answers must not tell it apart from a customer's.
    const phones = ['13955550001', '13955550002', '13955550003']
    at(0)
    expect((await sms(0, token, phones[0]!)).status).toBe(202)
    at(MIN)
    expect((await sms(1, token, phones[1]!)).status).toBe(202)
    at(2 * MIN)
    const third = await sms(0, token, phones[2]!)
    expect([third.status, third.json.error.code]).toEqual([429, 'LINK_PHONE_LIMIT'])
    // Codes 3–5 to the two phones (the per-phone limit allows 1 a minute), then the link's total is spent.
    for (let i = 0; i < 3; i++) {
      at((3 + i) * MIN)
      expect((await sms(i, token, phones[i % 2]!)).status, `code ${i + 3}`).toBe(202)
    }
    at(10 * MIN)
    const sixth = await sms(1, token, phones[0]!)
    expect([sixth.status, sixth.json.error.code]).toEqual([429, 'LINK_SMS_LIMIT'])
    const row = await pair.a.ctx.db.kysely
      .selectFrom('verifications')
      .select(['sms_count', 'sms_phones'])
      .where('token_hash', '=', sha256Hex(token))
      .executeTakeFirstOrThrow()
    expect(Number(row.sms_count)).toBe(5)
    expect(row.sms_phones.split(',')).toHaveLength(2)
    expect(row.sms_phones).not.toContain('1395555')
  })

  it('when wrong codes for one link come from five IPs across both instances, then the link locks for good, even for the right code and the next day', async () => {
    t0 = dayStart(102).getTime()
    at(0)
    const token = await openLink()
    const phone = '13933330001'
    expect((await sms(0, token, phone)).status).toBe(202)
    const outbox = await pair.a.ctx.db.kysely.selectFrom('sim_sms').selectAll().orderBy('id', 'desc').execute()
    const code = /(\d{6})/.exec(JSON.stringify(outbox.find((r) => JSON.stringify(r).includes(phone))))![1]!
    const wrong = code === '000000' ? '111111' : '000000'
    for (let n = 0; n < 4; n++)
      expect(
        (await call(n, 'POST', `/api/public/verifications/${token}/confirm`, { code: wrong })).json.error.code,
      ).toBe('WRONG_CODE')
    const fifth = await call(4, 'POST', `/api/public/verifications/${token}/confirm`, { code: wrong })
    expect([fifth.status, fifth.json.error.code]).toEqual([423, 'LOCKED'])
    expect((await call(5, 'POST', `/api/public/verifications/${token}/confirm`, { code })).status).toBe(423)
    at(86_400_000)
    expect((await call(6, 'POST', `/api/public/verifications/${token}/confirm`, { code })).status).toBe(423)
  })

  it('when one content link gets inquiries from many IPs across both instances, then 20 per 10 minutes per link, another link unaffected, reset by the clock', async () => {
    t0 = dayStart(103).getTime()
    at(0)
    const inquiry = (n: number, link: string) => call(n, 'POST', `/api/public/content/${link}/inquiry`)
    for (let n = 0; n < 20; n++) expect((await inquiry(n, 'abuseLink0000000001')).status).not.toBe(429)
    expectLimited(await inquiry(20, 'abuseLink0000000001'))
    expectLimited(await inquiry(21, 'abuseLink0000000001'))
    expect((await inquiry(0, 'abuseLink0000000002')).status).not.toBe(429)
    at(10 * MIN)
    expect((await inquiry(1, 'abuseLink0000000001')).status).not.toBe(429)
  })
})
