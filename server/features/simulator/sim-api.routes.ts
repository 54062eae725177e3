import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { AppError, notFound } from '../../lib/errors.js'
import { listActiveStaffWithBranch } from '../org/index.js'
import { ChatMessage, mediaIdOf } from './chat-message.schema.js'
import { mintOauthCode } from './sim-credentials.repository.js'
import { mediaImage, validMediaType } from './sim-media.repository.js'
import { openidFor, type SimulatorOptions } from './sim-options.js'
import { insertChatMessage, listChatMessages, listSms } from './sim-outbox.repository.js'
import { findPerson, staffExists } from './sim-world.repository.js'
import { applyContactEvent, EventInput, PersonInput } from './sim-world.service.js'

const Id = z.string().min(1).max(64)
const UserParams = z.object({ userid: Id })
const ChatParams = z.object({ userid: Id, conversationId: Id })
const ChatBody = z.object({ message: ChatMessage, sender: z.enum(['staff', 'customer']).default('staff') })
const SmsQuery = z.object({ phone: z.string().max(20).optional() })
const CodeBody = z.union([z.object({ userid: Id }), z.object({ externalUserId: Id })])

/** Demo/test helpers under /simulator/api: the simulated world as JSON, and ways to change it. */
export function simulatorApiRoutes(ctx: AppContext, opts: SimulatorOptions): Router {
  const router = Router()
  const db = () => ctx.db.kysely

  router.get('/staff', async (_req, res) => {
    const rows = await listActiveStaffWithBranch(db())
    res.json({
      staff: rows.map((r) => ({
        userid: r.userid,
        name: r.name,
        title: r.title,
        role: r.role,
        branchId: r.branchId,
        branch: r.branchName,
      })),
    })
  })

  router.get('/staff/:userid/contacts', async (req, res) => {
    const { userid } = UserParams.parse(req.params)
    if (!(await staffExists(db(), userid))) throw notFound('员工')
    const rows = await db()
      .selectFrom('sim_follows')
      .innerJoin('sim_people', 'sim_people.external_userid', 'sim_follows.external_userid')
      .select([
        'sim_people.external_userid',
        'sim_people.name',
        'sim_people.gender',
        'sim_follows.remark',
        'sim_follows.createtime',
        'sim_follows.add_way',
        'sim_follows.deleted_by_customer',
      ])
      .where('sim_follows.userid', '=', userid)
      .where('sim_follows.deleted_by_member', '=', 0)
      .orderBy('sim_follows.createtime', 'desc')
      .execute()
    const contacts = rows.map((r) => ({
      externalUserId: r.external_userid,
      name: r.name,
      gender: r.gender,
      remark: r.remark,
      addedAt: Number(r.createtime),
      addWay: r.add_way,
      deletedByCustomer: r.deleted_by_customer === 1,
    }))
    res.json({ contacts })
  })

  router.post('/staff/:userid/contacts', async (req, res) => {
    const { userid } = UserParams.parse(req.params)
    const person = PersonInput.parse(req.body ?? {})
    res.status(201).json(await applyContactEvent(ctx, opts, { changeType: 'add_external_contact', userid, person }))
  })

  router.get('/people/:externalUserId', async (req, res) => {
    const { externalUserId } = z.object({ externalUserId: Id }).parse(req.params)
    const p = await findPerson(db(), externalUserId)
    if (!p) throw notFound('客户')
    res.json({
      externalUserId,
      name: p.name,
      phone: p.phone,
      gender: p.gender,
      type: p.type,
      province: p.province,
      unionid: p.unionid,
      openid: openidFor(externalUserId),
    })
  })

  router.get('/chats/:userid/:conversationId', async (req, res) => {
    const { userid, conversationId } = ChatParams.parse(req.params)
    res.json({ messages: await listChatMessages(db(), userid, conversationId) })
  })

  router.post('/chats/:userid/:conversationId', async (req, res) => {
    const { userid, conversationId } = ChatParams.parse(req.params)
    const { message, sender } = ChatBody.parse(req.body)
    if (!(await staffExists(db(), userid))) throw notFound('员工')
    const mediaId = mediaIdOf(message)
    if (mediaId && (await validMediaType(ctx, mediaId)) !== message.msgtype)
      throw new AppError('INVALID_MEDIA', 400, 'mediaid 无效或已过期')
    const id = await insertChatMessage(db(), {
      userid,
      conversationId,
      sender,
      msgtype: message.msgtype,
      payload: message,
      now: ctx.now(),
    })
    res.status(201).json({ id })
  })

  router.post('/events', async (req, res) => {
    res.json(await applyContactEvent(ctx, opts, EventInput.parse(req.body)))
  })

  router.get('/sms-outbox', async (req, res) => {
    const { phone } = SmsQuery.parse(req.query)
    res.json({ messages: await listSms(db(), phone) })
  })

  router.post('/oauth/codes', async (req, res) => {
    const who = CodeBody.parse(req.body)
    if ('userid' in who ? !(await staffExists(db(), who.userid)) : !(await findPerson(db(), who.externalUserId)))
      throw notFound('用户')
    res.status(201).json({
      code: await mintOauthCode(ctx, 'userid' in who ? { userid: who.userid } : { externalUserid: who.externalUserId }),
    })
  })

  router.get('/media/:mediaId', async (req, res) => {
    const { mediaId } = z.object({ mediaId: z.string().min(1).max(128) }).parse(req.params)
    const image = await mediaImage(ctx, mediaId)
    if (!image) throw notFound('图片')
    res.type(image.contentType).send(image.bytes)
  })

  return router
}
