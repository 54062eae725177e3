import { randomBytes } from 'node:crypto'
import type { ChatMessage, CreatedSend } from '../../contracts/content.js'
import type { AppContext } from '../../lib/context.js'
import { AppError, notFound } from '../../lib/errors.js'
import { diffText } from '../../lib/text-diff.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { appendEvent } from '../events/index.js'
import { isLive } from '../review/index.js'
import { getWecomClient, requireOwnContact } from '../wecom/index.js'
import { gateOutbound, withDisclosures } from '../compliance/index.js'
import { complianceInputOf, toContentCore } from './content-mapper.js'
import { findContentRow } from './content.repository.js'
import { itemImage } from './content-images.js'
import { loadContactFit } from './contact-fit.js'
import { lastDatesBySymbol } from './market-series.repository.js'
import { judgeItem } from './ranking-rules.js'
import { requireOwnGroup } from '../groups/index.js'
import { sendHistory } from './recommendations.service.js'
import { findSendOfStaff, insertContentSend, markSendSent } from './sends.repository.js'

export interface SendRequest {
  itemId: number
  externalUserId?: string
  chatId?: string
  text?: string
  as: 'card' | 'image'
}

const EDITABLE = new Set(['text', 'moment'])

/** Gate: live, not stale, suitable for this contact and not sent to them within the repeat window. */
async function sendableRow(ctx: AppContext, staff: SessionStaff, req: SendRequest, now: Date) {
  const db = ctx.db.kysely
  if (req.externalUserId) await requireOwnContact(db, staff.userid, req.externalUserId)
  else if (req.chatId) await requireOwnGroup(ctx, staff, req.chatId)
  const row = await findContentRow(db, req.itemId)
  const asOf = row.chart_symbol ? ((await lastDatesBySymbol(db)).get(row.chart_symbol) ?? null) : null
  if (!isLive(row, now) || toContentCore(row, asOf, now).stale)
    throw new AppError('CONTENT_NOT_LIVE', 409, '该内容已过期或已下架，不能再发送')
  const [fit, history] = await Promise.all([loadContactFit(db, req.externalUserId, now), sendHistory(ctx, req, now)])
  const verdict = judgeItem(row, fit, history.recentRoots, now)
  if (verdict.excluded === 'assessment')
    throw new AppError(
      'RISK_ASSESSMENT_REQUIRED',
      422,
      '客户风险测评已过期或未做，不能发送产品内容。请先邀请客户完成风险测评（手机银行或网点），测评有效后再发送',
    )
  if (verdict.excluded === 'unsuitable')
    throw new AppError('NOT_SUITABLE', 422, '该内容与客户的风险等级或客群不匹配，不能发送')
  if (verdict.excluded === 'recent') throw new AppError('SENT_RECENTLY', 409, '30 天内已向该客户发送过这条内容')
  return row
}

/** The message the sidebar passes to `ww.sendChatMessage`; images are uploaded as temporary media now. */
async function buildMessage(
  ctx: AppContext,
  row: Awaited<ReturnType<typeof findContentRow>>,
  sendId: string,
  text: string,
  as: 'card' | 'image',
): Promise<ChatMessage> {
  const base = ctx.config.publicBaseUrl
  if (row.kind === 'text' || row.kind === 'moment') return { msgtype: 'text', text: { content: text } }
  if (row.kind === 'image' || (row.kind === 'chart' && as === 'image')) {
    const image = await itemImage(ctx.db.kysely, row)
    const uploaded = await getWecomClient(ctx).uploadMedia({
      type: 'image',
      data: image.data,
      contentType: image.contentType,
      filename: `content-${row.id}.${image.contentType === 'image/jpeg' ? 'jpg' : 'png'}`,
    })
    return { msgtype: 'image', image: { mediaid: uploaded.media_id } }
  }
  const desc = (row.body || row.title).replace(/\s+/g, ' ').slice(0, 60)
  return {
    msgtype: 'news',
    news: {
      link: `${base}/c/${sendId}`,
      title: row.title,
      desc,
      imgUrl: `${base}/api/public/content/${sendId}/image.png`,
    },
  }
}

/** Prepares one send: checks, stores the (edited) text with its diff, returns the chat message. */
export async function createSend(ctx: AppContext, staff: SessionStaff, req: SendRequest): Promise<CreatedSend> {
  const now = ctx.now()
  const row = await sendableRow(ctx, staff, req, now)
  const edited = req.text !== undefined && req.text !== row.body
  if (edited && !EDITABLE.has(row.kind)) throw new AppError('NOT_EDITABLE', 400, '只有话术和朋友圈文案可以在发送前修改')
  const body = edited ? req.text! : row.body
  // Every send passes the gate, edited or not: the lexicon may have grown since the item was approved.
  const checked = await gateOutbound(
    ctx.db.kysely,
    { ...complianceInputOf(row), fields: { body } },
    {
      path: 'content.send',
      staffId: staff.id,
      refId: String(row.id),
      now,
      publicBaseUrl: ctx.config.publicBaseUrl,
      blockedMessage: edited
        ? '修改后的内容未通过合规检查，请按提示修改'
        : '该内容未通过当前合规检查，暂不能发送，请联系中台',
    },
  )
  const findings = edited ? checked.findings : []
  const text = withDisclosures(body, row.disclaimer, checked.requiredDisclosures)
  const sendId = randomBytes(16).toString('base64url')
  const message = await buildMessage(ctx, row, sendId, text, req.as)
  await insertContentSend(ctx.db.kysely, {
    id: sendId,
    item_id: Number(row.id),
    root_id: Number(row.root_id),
    staff_userid: staff.userid,
    external_userid: req.externalUserId ?? null,
    chat_id: req.externalUserId ? null : (req.chatId ?? null),
    msgtype: message.msgtype,
    text: edited ? body : null,
    edit_diff: edited ? JSON.stringify(diffText(row.body, body)) : null,
    findings: JSON.stringify(findings),
    created_at: now.toISOString(),
    sent_at: null,
  })
  return { sendId, message, findings }
}

/** The sidebar reports sendChatMessage succeeded: the send now counts, and the process log says so. */
export async function markSent(ctx: AppContext, staff: SessionStaff, sendId: string): Promise<void> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const send = await findSendOfStaff(db, sendId, staff.userid)
  if (!send) throw notFound('发送记录')
  if (send.sent_at) return
  await db.transaction().execute(async (trx) => {
    await markSendSent(trx, sendId, now.toISOString())
    await appendEvent(trx, {
      type: 'content_sent',
      staffUserid: staff.userid,
      externalUserid: send.external_userid,
      refId: sendId,
      occurredAt: now,
      source: 'sidebar',
      dedupeKey: `content_sent:${sendId}`,
      payload: {
        itemId: send.item_id,
        rootId: send.root_id,
        chatId: send.chat_id,
        msgtype: send.msgtype,
        edited: send.text !== null,
      },
    })
  })
}

/** Moment copy: copied or handed to shareToExternalMoments; logged as the front office's process. */
export async function logMomentShared(
  ctx: AppContext,
  staff: SessionStaff,
  itemId: number,
  method: 'clipboard' | 'share',
): Promise<void> {
  const now = ctx.now()
  const row = await findContentRow(ctx.db.kysely, itemId)
  if (row.kind !== 'moment') throw new AppError('NOT_A_MOMENT', 400, '只有朋友圈文案可以发朋友圈')
  if (!isLive(row, now)) throw new AppError('CONTENT_NOT_LIVE', 409, '该内容已过期或已下架，不能再使用')
  await appendEvent(ctx.db.kysely, {
    type: 'moment_shared',
    staffUserid: staff.userid,
    externalUserid: null,
    refId: String(row.id),
    occurredAt: now,
    source: 'sidebar',
    payload: { rootId: row.root_id, method },
  })
}
