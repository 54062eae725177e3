import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { AppError, notFound } from '../../lib/errors.js'
import { CONTACT_CHANGE_TYPES, emitContactEvent, type EmitResult } from './callback-emitter.js'
import { epochSeconds, randomId, type SimulatorOptions } from './sim-options.js'
import { issueWelcomeCode } from './cgi-welcome.routes.js'
import { findFollow, findPerson, staffExists } from './sim-world.repository.js'

export const PersonInput = z.object({
  name: z.string().min(1).max(64).optional(),
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/, '须为 11 位手机号')
    .optional(),
  gender: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  province: z.string().min(1).max(16).optional(),
})

export const EventInput = z.object({
  changeType: z.enum(CONTACT_CHANGE_TYPES),
  userid: z.string().min(1).max(64),
  externalUserId: z.string().min(1).max(64).optional(),
  person: PersonInput.optional(),
  state: z.string().max(30).optional(),
})
export type EventInput = z.infer<typeof EventInput>

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '婷',
  '强',
  '军',
  '杰',
  '涛',
  '明',
  '霞',
  '平',
  '刚',
  '丽',
  '超',
  '华',
  '鑫',
]
const pick = <T>(list: ArrayLike<T>) => list[Math.floor(Math.random() * list.length)]!

/** A new WeChat person for the simulated world; unspecified fields are made up. */
async function createPerson(ctx: AppContext, input: z.infer<typeof PersonInput> = {}): Promise<string> {
  const externalUserid = randomId('wm', 30)
  await ctx.db.kysely
    .insertInto('sim_people')
    .values({
      external_userid: externalUserid,
      name: input.name ?? pick(SURNAMES) + pick(GIVEN) + (Math.random() < 0.5 ? pick(GIVEN) : ''),
      phone: input.phone ?? `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
      gender: input.gender ?? (Math.random() < 0.5 ? 1 : 2),
      type: 1,
      corp_name: null,
      avatar: '',
      unionid: randomId('oAAAA', 23),
      province: input.province ?? '广东',
    })
    .execute()
  return externalUserid
}

/** Creates or revives the follow relation of an add event. */
async function upsertFollow(
  ctx: AppContext,
  userid: string,
  externalUserid: string,
  state: string | undefined,
  addWay: number,
): Promise<void> {
  const db = ctx.db.kysely
  const existing = await findFollow(db, userid, externalUserid)
  const fresh = {
    createtime: epochSeconds(ctx.now()),
    add_way: addWay,
    state: state ?? null,
    deleted_by_member: 0,
    deleted_by_customer: 0,
  }
  if (existing) {
    await db
      .updateTable('sim_follows')
      .set(fresh)
      .where('userid', '=', userid)
      .where('external_userid', '=', externalUserid)
      .execute()
    return
  }
  await db
    .insertInto('sim_follows')
    .values({
      userid,
      external_userid: externalUserid,
      remark: '',
      description: '',
      oper_userid: externalUserid,
      tags: '[]',
      ...fresh,
    })
    .execute()
}

/**
 * Changes the simulated world the way the event says (an add creates the person when needed, a
 * member-side delete drops the relation, a customer-side one marks it), then delivers the callback.
 */
export async function applyContactEvent(
  ctx: AppContext,
  opts: SimulatorOptions,
  input: EventInput,
): Promise<{ externalUserId: string; delivery: EmitResult }> {
  const db = ctx.db.kysely
  if (!(await staffExists(db, input.userid))) throw notFound('员工')
  const isAdd = input.changeType === 'add_external_contact' || input.changeType === 'add_half_external_contact'
  let externalUserId = input.externalUserId
  if (!externalUserId) {
    if (!isAdd) throw new AppError('VALIDATION_FAILED', 400, '参数 externalUserId 不正确：该事件必须指明客户')
    externalUserId = await createPerson(ctx, input.person)
  } else if (!(await findPerson(db, externalUserId))) {
    throw notFound('客户')
  }
  const where = { userid: input.userid, external_userid: externalUserId }
  if (isAdd) await upsertFollow(ctx, input.userid, externalUserId, input.state, input.state ? 1 : 2)
  else if (!(await findFollow(db, input.userid, externalUserId))) throw notFound('好友关系')
  if (input.changeType === 'del_external_contact' || input.changeType === 'del_follow_user') {
    const mark = input.changeType === 'del_external_contact' ? { deleted_by_member: 1 } : { deleted_by_customer: 1 }
    await db
      .updateTable('sim_follows')
      .set(mark)
      .where('userid', '=', where.userid)
      .where('external_userid', '=', where.external_userid)
      .execute()
  }
  const delivery = await emitContactEvent(
    ctx,
    {
      changeType: input.changeType,
      userid: input.userid,
      externalUserId,
      ...(isAdd
        ? {
            welcomeCode: await issueWelcomeCode(ctx, input.userid, externalUserId),
            ...(input.state ? { state: input.state } : {}),
          }
        : {}),
      ...(input.changeType === 'transfer_fail' ? { failReason: 'customer_refused' } : {}),
    },
    opts,
  )
  return { externalUserId, delivery }
}
