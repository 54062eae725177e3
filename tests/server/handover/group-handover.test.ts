import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HandoverGroupListSchema, TransferGroupsResultSchema } from '../../../server/contracts/handover.js'
import { handoverBank, signIn, startHandoverApp, T0 } from './handover-world.js'

describe('group handover (客户群转让) from the handover page through WeCom (simulator)', () => {
  let w: Awaited<ReturnType<typeof startHandoverApp>>
  let b: Awaited<ReturnType<typeof handoverBank>>
  let seq = 0
  const db = () => w.app.ctx.db.kysely
  const boss = () => signIn(w.app, b.supervisor.wecom_userid)
  async function group(owner: string, name: string) {
    const chatId = `wrHANDOVERGROUP${++seq}`
    const joined = Math.floor(T0.getTime() / 1000)
    await db()
      .insertInto('sim_groups')
      .values({ chat_id: chatId, name, owner, create_time: joined, notice: '', status: 0 })
      .execute()
    await db()
      .insertInto('sim_group_members')
      .values([
        {
          chat_id: chatId,
          userid: owner,
          type: 1,
          join_time: joined,
          join_scene: 1,
          invitor: null,
          group_nickname: '',
        },
        {
          chat_id: chatId,
          userid: `wmGROUPMEMBER${seq}`,
          type: 2,
          join_time: joined,
          join_scene: 1,
          invitor: owner,
          group_nickname: '',
        },
      ])
      .execute()
    return chatId
  }
  const ownerOf = async (chatId: string) =>
    (await db().selectFrom('sim_groups').select('owner').where('chat_id', '=', chatId).executeTakeFirstOrThrow()).owner

  beforeAll(async () => {
    w = await startHandoverApp()
    b = await handoverBank(db())
  })
  afterAll(async () => {
    await w.close()
  })

  it('when the supervisor lists an active member’s groups and moves one, then onjob_transfer makes the successor its owner and the move is audited', async () => {
    const kept = await group(b.from.wecom_userid, '理财沙龙群')
    const moved = await group(b.from.wecom_userid, '基金定投交流群')
    const listed = await (await boss()).request('GET', `/api/handover/groups?owner=${b.from.wecom_userid}`)
    expect(listed.body(HandoverGroupListSchema).items).toEqual(
      expect.arrayContaining([
        { chatId: kept, name: '理财沙龙群', memberCount: 2 },
        { chatId: moved, name: '基金定投交流群', memberCount: 2 },
      ]),
    )
    const res = await (
      await boss()
    ).request('POST', '/api/handover/groups/transfer', {
      ownerUserid: b.from.wecom_userid,
      takeoverUserid: b.to.wecom_userid,
      chatIds: [moved],
    })
    expect(res.body(TransferGroupsResultSchema)).toEqual({ kind: 'onjob', transferred: 1, failed: [] })
    expect(await ownerOf(moved)).toBe(b.to.wecom_userid)
    expect(await ownerOf(kept)).toBe(b.from.wecom_userid)
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'handover.groups').execute()
    expect(audit).toHaveLength(1)
  })

  it('when the owner has left, then groupchat/transfer is used, and a chat that no longer exists is reported with its reason', async () => {
    const chat = await group(b.third.wecom_userid, '退休规划群')
    await db().updateTable('staff').set({ active: 0 }).where('id', '=', b.third.id).execute()
    const res = await (
      await boss()
    ).request('POST', '/api/handover/groups/transfer', {
      ownerUserid: b.third.wecom_userid,
      takeoverUserid: b.to.wecom_userid,
      chatIds: [chat, 'wrNOSUCHCHAT'],
    })
    expect(res.body(TransferGroupsResultSchema)).toEqual({
      kind: 'resigned',
      transferred: 1,
      failed: [{ chatId: 'wrNOSUCHCHAT', errcode: 40050, reason: '该群已解散或不存在' }],
    })
    expect(await ownerOf(chat)).toBe(b.to.wecom_userid)
  })

  it('when a manager or a supervisor of another branch asks, then 403 and no group moves', async () => {
    const chat = await group(b.from.wecom_userid, '外汇资讯群')
    const manager = await signIn(w.app, b.from.wecom_userid)
    const body = { ownerUserid: b.from.wecom_userid, takeoverUserid: b.to.wecom_userid, chatIds: [chat] }
    expect((await manager.request('POST', '/api/handover/groups/transfer', body)).status).toBe(403)
    const outside = await (
      await boss()
    ).request('POST', '/api/handover/groups/transfer', {
      ...body,
      takeoverUserid: b.outsider.wecom_userid,
    })
    expect(outside.status).toBe(403)
    expect(await ownerOf(chat)).toBe(b.from.wecom_userid)
  })
})
