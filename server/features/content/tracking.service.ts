import type { Kysely } from 'kysely'
import type { MarketSymbol, PublicContent } from '../../contracts/content.js'
import type { Database } from '../../db/database.js'
import type { AppContext } from '../../lib/context.js'
import { notFound } from '../../lib/errors.js'
import { hitRateLimit } from '../../lib/rate-limit.js'
import { appendEvent, eventWithKeyExists } from '../events/index.js'
import { isLive } from '../review/index.js'
import { findContentRow } from './content.repository.js'
import type { ContentRow } from './content-mapper.js'
import { itemImage, type ItemImage } from './content-images.js'
import { findLiveVersionOfRoot } from './live-items.repository.js'
import { seriesWindow } from './market-series.repository.js'
import { findSenderCard, findSentSend } from './sends.repository.js'

async function findSend(db: Kysely<Database>, sendId: string) {
  const send = await findSentSend(db, sendId)
  if (!send) throw notFound('内容')
  return send
}

/** The version a link shows: the one sent, or the approved successor that replaced it. */
async function shownVersion(
  db: Kysely<Database>,
  itemId: number,
  rootId: number,
  now: Date,
): Promise<ContentRow | null> {
  const sent = await findContentRow(db, itemId)
  if (isLive(sent, now)) return sent
  return findLiveVersionOfRoot(db, rootId, now)
}

/** The customer's page: content and the manager's display name only; nothing about the customer. */
export async function publicContent(ctx: AppContext, sendId: string): Promise<PublicContent> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const send = await findSend(db, sendId)
  const [row, manager] = await Promise.all([
    shownVersion(db, send.item_id, send.root_id, now),
    findSenderCard(db, send.staff_userid),
  ])
  const base = {
    managerName: manager?.name ?? '您的客户经理',
    branchName: manager?.branchName ?? '',
    sentAt: send.sent_at!,
  }
  if (!row) {
    return {
      ...base,
      state: 'withdrawn',
      kind: 'article',
      title: '该内容已下架',
      body: '',
      disclaimer: null,
      imageUrl: null,
      chartAsOf: null,
      synthetic: false,
      approvalNo: null,
    }
  }
  const points =
    row.kind === 'chart' && row.chart_symbol
      ? await seriesWindow(db, row.chart_symbol as MarketSymbol, Number(row.chart_window_days))
      : []
  return {
    ...base,
    state: 'live',
    kind: row.kind,
    title: row.title,
    body: send.text ?? row.body,
    disclaimer: row.disclaimer,
    imageUrl: row.kind === 'chart' || row.kind === 'image' ? `/api/public/content/${sendId}/image.png` : null,
    chartAsOf: points.at(-1)?.date ?? null,
    synthetic: points.some((p) => p.synthetic),
    approvalNo: row.approval_no,
  }
}

export async function publicImage(ctx: AppContext, sendId: string): Promise<ItemImage> {
  const send = await findSend(ctx.db.kysely, sendId)
  const row =
    (await shownVersion(ctx.db.kysely, send.item_id, send.root_id, ctx.now())) ??
    (await findContentRow(ctx.db.kysely, send.item_id))
  return itemImage(ctx.db.kysely, row)
}

/** Distinct readers whose opens count, per client IP and hour: fresh cookies cost a forger a page load each, and this. */
export const NEW_READERS_PER_IP = { limit: 30, windowMs: 3600_000 }

/**
 * Counted once per send per reader (the server-issued cookie, `lib/reader-cookie.ts`): reopening adds nothing.
 * A reader new to this send counts only within the per-IP budget above; beyond it the open is not counted.
 */
export async function recordOpen(ctx: AppContext, sendId: string, reader: string, ip: string): Promise<void> {
  const db = ctx.db.kysely
  const send = await findSend(db, sendId)
  const dedupeKey = `content_opened:${sendId}:${reader}`
  if (await eventWithKeyExists(db, dedupeKey)) return
  const { limit, windowMs } = NEW_READERS_PER_IP
  if (!(await hitRateLimit(db, `content-reader-ip:${ip}`, limit, windowMs, ctx.now())).allowed) return
  await appendEvent(db, {
    type: 'content_opened',
    staffUserid: send.staff_userid,
    externalUserid: send.external_userid,
    refId: sendId,
    occurredAt: ctx.now(),
    source: 'public',
    dedupeKey,
    payload: { rootId: send.root_id },
  })
}

/** "我想咨询": notifies the sending manager (their sidebar lists it); once per send per reader. */
export async function recordInquiry(ctx: AppContext, sendId: string, reader: string): Promise<void> {
  const send = await findSend(ctx.db.kysely, sendId)
  await appendEvent(ctx.db.kysely, {
    type: 'content_inquiry',
    staffUserid: send.staff_userid,
    externalUserid: send.external_userid,
    refId: sendId,
    occurredAt: ctx.now(),
    source: 'public',
    dedupeKey: `content_inquiry:${sendId}:${reader}`,
    payload: { rootId: send.root_id },
  })
}
