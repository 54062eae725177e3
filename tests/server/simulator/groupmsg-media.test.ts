import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { GroupMsgSendResultReply } from '../../../server/features/wecom/wecom-schemas.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { insertFollow, insertPerson, insertStaff, qyapi, staffWithCustomer } from './factories.js'

let app: TestApp
let api: ReturnType<typeof qyapi>
const t0 = new Date('2025-04-01T02:00:00Z')
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])

beforeAll(async () => {
  app = await startTestApp()
  app.setNow(t0)
  api = qyapi(app.baseUrl, app.ctx.config.wecom.corpId, app.ctx.config.wecom.secret)
})
afterAll(() => app.close())

/** media/upload as it comes over the wire (created_at a string), failures included. */
const UploadReply = z.looseObject({ errcode: z.number(), errmsg: z.string(), media_id: z.string().optional() })

async function upload(
  type: string,
  bytes: Buffer | undefined,
  filename = 'a.png',
  contentType = 'image/png',
): Promise<z.output<typeof UploadReply>> {
  const form = new FormData()
  if (bytes) form.append('media', new Blob([new Uint8Array(bytes)], { type: contentType }), filename)
  const res = await fetch(api.url('/media/upload', { access_token: await api.ensureToken(), type }), {
    method: 'POST',
    body: form,
  })
  return UploadReply.parse(await res.json())
}

describe('simulated media/upload', () => {
  it('when a PNG is uploaded as image, then a media_id valid for 3 days comes back', async () => {
    const res = await upload('image', PNG)
    expect(res).toMatchObject({ errcode: 0, errmsg: 'ok', type: 'image', created_at: String(t0.getTime() / 1000) })
    const row = await app.ctx.db.kysely
      .selectFrom('sim_media')
      .selectAll()
      .where('media_id', '=', res.media_id ?? '')
      .executeTakeFirstOrThrow()
    expect(Number(row.expires_at) - Number(row.created_at)).toBe(3 * 86_400)
    expect(row.size).toBe(PNG.length)
  })

  it('when the upload breaks the rules, then 40004 / 40005 / 40006 / 41005', async () => {
    expect((await upload('sticker', PNG)).errcode).toBe(40004)
    expect((await upload('image', Buffer.from('GIF89a-not-allowed-here'))).errcode).toBe(40005)
    expect((await upload('image', Buffer.from([0x89, 0x50, 0x4e]))).errcode).toBe(40006)
    expect((await upload('image', undefined)).errcode).toBe(41005)
    expect((await upload('file', Buffer.from('hello world, a plain file'), 'a.txt', 'text/plain')).errcode).toBe(0)
  })
})

describe('simulated mass messages and moments', () => {
  it('when a mass message is created for a member, then fail_list names non-customers and the task reads back', async () => {
    const { userid, externalUserid } = await staffWithCustomer(app.ctx.db)
    const gone = await insertPerson(app.ctx.db)
    await insertFollow(app.ctx.db, userid, gone, { deletedByCustomer: true })
    const created = await api.post('/externalcontact/add_msg_template', {
      chat_type: 'single',
      sender: userid,
      external_userid: [externalUserid, gone, 'wmStranger'],
      text: { content: '理财讲座邀请' },
      attachments: [{ msgtype: 'link', link: { title: '讲座', url: 'https://example.com/a' } }],
    })
    expect(created).toMatchObject({ errcode: 0, fail_list: ['wmStranger'], msgid: expect.any(String) })

    const list = await api.post('/externalcontact/get_groupmsg_list_v2', {
      chat_type: 'single',
      start_time: t0.getTime() / 1000 - 60,
      end_time: t0.getTime() / 1000 + 60,
    })
    expect(list.group_msg_list).toEqual([
      expect.objectContaining({
        msgid: created.msgid,
        creator: userid,
        create_type: 0,
        text: { content: '理财讲座邀请' },
      }),
    ])

    // Three days later every member who is going to send has sent.
    app.setNow(new Date(t0.getTime() + 4 * 86_400_000))
    const task = await api.post('/externalcontact/get_groupmsg_task', { msgid: created.msgid })
    expect(task.task_list).toEqual([expect.objectContaining({ userid, status: expect.any(Number) })])
    const result = await api.post('/externalcontact/get_groupmsg_send_result', { msgid: created.msgid, userid })
    const sent = GroupMsgSendResultReply.parse(result).send_list
    const byId = Object.fromEntries(sent.map((r) => [r.external_userid, r.status]))
    if (task.task_list[0].status === 2) expect(byId[gone]).toBe(2)
    else expect(Object.values(byId)).toEqual([0, 0])
    app.setNow(t0)
    expect((await api.post('/externalcontact/get_groupmsg_task', { msgid: 'nope' })).errcode).toBe(40058)
  })

  it('when the mass message has no content or a bad media_id, then 40058 / 40007', async () => {
    const userid = await insertStaff(app.ctx.db)
    expect((await api.post('/externalcontact/add_msg_template', { sender: userid })).errcode).toBe(40058)
    const bad = await api.post('/externalcontact/add_msg_template', {
      sender: userid,
      attachments: [{ msgtype: 'image', image: { media_id: 'missing' } }],
    })
    expect(bad.errcode).toBe(40007)
  })

  it('when a moment task is created, then the job is in progress first and finishes with a moment_id and per-member status', async () => {
    const userid = await insertStaff(app.ctx.db)
    const job = await api.post('/externalcontact/add_moment_task', {
      text: { content: '春季理财' },
      visible_range: { sender_list: { user_list: [userid, 'ghost'] } },
    })
    expect(job).toMatchObject({ errcode: 0, jobid: expect.any(String) })
    const poll = () => api.get('/externalcontact/get_moment_task_result', { jobid: job.jobid })
    const first = await poll()
    expect(first).toMatchObject({ errcode: 0, status: 1 })
    expect(first.result).toBeUndefined()
    expect((await poll()).status).toBe(2)
    app.setNow(new Date(t0.getTime() + 3000))
    const result = await poll()
    app.setNow(t0)
    expect(result).toMatchObject({
      status: 3,
      result: { moment_id: expect.any(String), invalid_sender_list: { user_list: ['ghost'] } },
    })
    const task = await api.post('/externalcontact/get_moment_task', { moment_id: result.result.moment_id })
    expect(task.task_list).toEqual([{ userid, publish_status: expect.any(Number) }])
    const mixed = await api.post('/externalcontact/add_moment_task', {
      attachments: [
        { msgtype: 'link', link: { url: 'https://x.example', media_id: 'm' } },
        { msgtype: 'link', link: { url: 'https://y.example', media_id: 'm' } },
      ],
    })
    expect(mixed.errcode).toBe(40058)
  })
})
