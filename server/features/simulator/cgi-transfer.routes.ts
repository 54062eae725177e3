import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { notFound } from '../../lib/errors.js'
import { emitContactEvent, type ContactEvent } from './callback-emitter.js'
import { cgi, E, parseInput } from './cgi-kit.js'
import { page } from './cgi-paging.js'
import { findGroup } from './sim-groups.repository.js'
import { epochSeconds, type SimulatorOptions } from './sim-options.js'
import {
  dueTransfers,
  insertTransfer,
  isActiveStaff,
  moveFollow,
  resignedStaff,
  setTransfer,
  TRANSFER,
  transfersOfCustomerSince,
  transfersOfPair,
  waitingTransferOf,
  waitingTransfersOfMember,
} from './sim-transfers.repository.js'
import { findFollow, liveFollowsOfStaff } from './sim-world.repository.js'

const DAY = 86_400
/** 在职转接: "90个自然日内，在职成员的每位客户仅可被转接2次" (transfer_customer docs). */
const ONJOB_LIMIT = { transfers: 2, days: 90 }

/**
 * Per-customer errcodes. 40128 / 40129 are the global codes WeCom lists for "客户转接过于频繁" and "当前客户正在转接中"
 * (from the global errcode list as recalled; the transfer pages themselves only show 40096 as an example).
 */
const CUSTOMER_ERR = { notCustomer: 40096, tooFrequent: 40128, inProgress: 40129 } as const

const TransferBody = z.object({
  handover_userid: z.string().min(1).max(64),
  takeover_userid: z.string().min(1).max(64),
  external_userid: z.array(z.string().min(1).max(64)).min(1).max(100),
  transfer_success_msg: z.string().max(200).optional(),
})
const ResultBody = z.object({
  handover_userid: z.string().min(1).max(64),
  takeover_userid: z.string().min(1).max(64),
  cursor: z.string().optional(),
})
const UnassignedBody = z.object({
  cursor: z.string().optional(),
  page_size: z.number().int().min(1).max(1000).optional(),
})
const GroupTransferBody = z.object({
  chat_id_list: z.array(z.string().min(1).max(64)).min(1).max(100),
  new_owner: z.string().min(1).max(64),
})
const ControlBody = z.object({
  externalUserId: z.string().min(1).max(64),
  outcome: z.enum(['refuse', 'limit']),
})

type Kind = 'onjob' | 'resigned'

const PATHS = {
  transfer: '/externalcontact/transfer_customer',
  result: '/externalcontact/transfer_result',
  resignedTransfer: '/externalcontact/resigned/transfer_customer',
  resignedResult: '/externalcontact/resigned/transfer_result',
  unassigned: '/externalcontact/get_unassigned_list',
  groupResigned: '/externalcontact/groupchat/transfer',
  groupOnjob: '/externalcontact/groupchat/onjob_transfer',
} as const

/** Callbacks go out in the background, like WeCom's: the API answer does not wait for the app's ack. */
const emitter = (ctx: AppContext, opts: SimulatorOptions) => (event: ContactEvent) =>
  void emitContactEvent(ctx, event, opts).catch(() => undefined)

/**
 * Customer handover (在职转接 / 离职继承) and group owner transfer, with WeCom's rules and callbacks. Mounted
 * inside the /cgi-bin stack, behind its fault controls, call ceilings and access_token check.
 */
export function cgiTransferRoutes(ctx: AppContext, opts: SimulatorOptions): Router {
  const db = () => ctx.db.kysely
  const now = () => epochSeconds(ctx.now())
  const emit = emitter(ctx, opts)

  const settleDue = () => settleDueTransfers(ctx, emit)

  async function requireMember(userid: string, active: boolean | 'any'): Promise<void> {
    const state = await isActiveStaff(db(), userid)
    if (state === undefined) throw E.userNotFound(userid)
    if (active !== 'any' && state !== active)
      throw E.invalidParam(active ? `${userid} is not active` : `${userid} has not left`)
  }

  async function customerErrcode(kind: Kind, handover: string, externalUserid: string): Promise<number> {
    const follow = await findFollow(db(), handover, externalUserid)
    if (!follow || follow.deleted_by_member) return CUSTOMER_ERR.notCustomer
    if (await waitingTransferOf(db(), externalUserid)) return CUSTOMER_ERR.inProgress
    if (kind === 'onjob') {
      const recent = await transfersOfCustomerSince(db(), externalUserid, now() - ONJOB_LIMIT.days * DAY)
      const counted = recent.filter((t) => t.kind === 'onjob' && t.status !== TRANSFER.refused)
      if (counted.length >= ONJOB_LIMIT.transfers) return CUSTOMER_ERR.tooFrequent
    }
    return 0
  }

  const transferCustomers = (kind: Kind) =>
    cgi(async (req) => {
      const body = parseInput(TransferBody, req.body)
      await settleDue()
      await requireMember(body.handover_userid, kind === 'onjob' ? true : false)
      await requireMember(body.takeover_userid, true)
      if (body.handover_userid === body.takeover_userid) throw E.invalidParam('takeover_userid')
      const customer: { external_userid: string; errcode: number }[] = []
      for (const ext of new Set(body.external_userid)) {
        const errcode = await customerErrcode(kind, body.handover_userid, ext)
        if (errcode === 0)
          await insertTransfer(db(), {
            kind,
            handover_userid: body.handover_userid,
            takeover_userid: body.takeover_userid,
            external_userid: ext,
            status: TRANSFER.waiting,
            requested_at: now(),
            takeover_time: now() + DAY,
            refuse: 0,
          })
        customer.push({ external_userid: ext, errcode })
      }
      return { customer }
    })

  const transferResult = (kind: Kind) =>
    cgi(async (req) => {
      const body = parseInput(ResultBody, req.body)
      await settleDue()
      const rows = await transfersOfPair(db(), kind, body.handover_userid, body.takeover_userid)
      const p = page(rows, body.cursor, 1000)
      return {
        customer: p.items.map((t) => ({
          external_userid: t.external_userid,
          status: t.status,
          takeover_time: t.status === TRANSFER.done || t.status === TRANSFER.waiting ? t.takeover_time : 0,
        })),
        next_cursor: p.next_cursor,
      }
    })

  const groupTransfer = (ownerMustHaveLeft: boolean) =>
    cgi(async (req) => {
      const body = parseInput(GroupTransferBody, req.body)
      await requireMember(body.new_owner, true)
      const failed: { chat_id: string; errcode: number; errmsg: string }[] = []
      for (const chatId of body.chat_id_list) {
        const group = await findGroup(db(), chatId)
        if (!group) {
          failed.push({ chat_id: chatId, errcode: 40050, errmsg: 'chatid not found' })
          continue
        }
        const ownerActive = await isActiveStaff(db(), group.owner)
        if (ownerMustHaveLeft === !!ownerActive || group.owner === body.new_owner) {
          failed.push({ chat_id: chatId, errcode: 40058, errmsg: 'invalid owner for this transfer' })
          continue
        }
        await db()
          .updateTable('sim_groups')
          .set({ owner: body.new_owner, status: ownerMustHaveLeft ? 3 : 0 })
          .where('chat_id', '=', chatId)
          .execute()
      }
      return { failed_chat_list: failed }
    })

  const cgiRouter = Router()
  cgiRouter.post(PATHS.transfer, transferCustomers('onjob'))
  cgiRouter.post(PATHS.result, transferResult('onjob'))
  cgiRouter.post(PATHS.resignedTransfer, transferCustomers('resigned'))
  cgiRouter.post(PATHS.resignedResult, transferResult('resigned'))
  cgiRouter.post(
    PATHS.unassigned,
    cgi(async (req) => {
      const body = parseInput(UnassignedBody, req.body ?? {})
      await settleDue()
      const leavers = await resignedStaff(db())
      const follows = await liveFollowsOfStaff(db(), leavers)
      const open = []
      for (const f of follows) if (!(await waitingTransferOf(db(), f.external_userid))) open.push(f)
      const p = page(open, body.cursor, body.page_size ?? 1000)
      return {
        info: p.items.map((f) => ({
          handover_userid: f.userid,
          external_userid: f.external_userid,
          dimission_time: 0,
        })),
        is_last: p.next_cursor === '',
        next_cursor: p.next_cursor,
      }
    }),
  )
  cgiRouter.post(PATHS.groupResigned, groupTransfer(true))
  cgiRouter.post(PATHS.groupOnjob, groupTransfer(false))
  return cgiRouter
}

/** Transfers whose 24 h are up take effect (or fail on the successor's limit) when anything looks at them. */
async function settleDueTransfers(ctx: AppContext, emit: (event: ContactEvent) => void): Promise<void> {
  const db = () => ctx.db.kysely
  const now = () => epochSeconds(ctx.now())
  for (const t of await dueTransfers(db(), now())) {
    if (t.refuse === 1) {
      await setTransfer(db(), t.id, { status: TRANSFER.limitReached })
      emit(failEvent(t.takeover_userid, t.external_userid, 'customer_limit_exceed'))
      continue
    }
    await moveFollow(db(), t)
    await setTransfer(db(), t.id, { status: TRANSFER.done })
    if (t.kind === 'onjob')
      emit({
        changeType: 'del_external_contact',
        userid: t.handover_userid,
        externalUserId: t.external_userid,
        source: 'DELETE_BY_TRANSFER',
      })
  }
}

/** Simulator controls: the customer taps 暂不添加 (refuse), or the successor will be full when the 24 h are up. */
export function simTransferApiRoutes(ctx: AppContext, opts: SimulatorOptions): Router {
  const db = () => ctx.db.kysely
  const emit = emitter(ctx, opts)
  const api = Router()
  // The desktop page's 客户继承 panel: what is waiting for the customer's choice, for the member shown.
  api.get('/transfers', async (req, res) => {
    const { user } = z.object({ user: z.string().min(1).max(64) }).parse(req.query)
    await settleDueTransfers(ctx, emit)
    const rows = await waitingTransfersOfMember(db(), user)
    res.json({
      transfers: rows.map((t) => ({
        externalUserId: t.external_userid,
        name: t.name ?? t.external_userid,
        kind: t.kind,
        handoverName: t.handover_name ?? t.handover_userid,
        takeoverName: t.takeover_name ?? t.takeover_userid,
        takeoverTime: Number(t.takeover_time),
      })),
    })
  })
  api.post('/transfers/outcome', async (req, res) => {
    const body = ControlBody.parse(req.body)
    const waiting = await waitingTransferOf(db(), body.externalUserId)
    if (!waiting) throw notFound('等待接替的转接')
    if (body.outcome === 'limit') await setTransfer(db(), waiting.id, { refuse: 1 })
    else {
      await setTransfer(db(), waiting.id, { status: TRANSFER.refused })
      emit(failEvent(waiting.takeover_userid, waiting.external_userid, 'customer_refused'))
    }
    res.json({ ok: true })
  })
  return api
}

function failEvent(takeover: string, externalUserid: string, reason: string): ContactEvent {
  return { changeType: 'transfer_fail', userid: takeover, externalUserId: externalUserid, failReason: reason }
}
