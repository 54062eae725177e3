import type { Recommendation, Recommendations } from '../../contracts/content.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { toContentCore, type ContentRow } from './content-mapper.js'
import { listLiveCards } from './live-items.repository.js'
import { listSendsToTargetSince } from './sends.repository.js'
import { lastDatesBySymbol } from './market-series.repository.js'
import { loadContactFit } from './contact-fit.js'
import { requireOwnContact } from '../wecom/index.js'
import { findConsent } from '../consent/index.js'
import { requireOwnGroup } from '../groups/index.js'
import { contactWarnings, judgeItem, REPEAT_WINDOW_DAYS } from './ranking-rules.js'

export interface RecommendationRequest {
  externalUserId?: string
  chatId?: string
  topic?: ContentRow['topic']
  q?: string
}

/** Sends to this contact (or group) that went out: roots within the repeat window, and this week's count. */
export async function sendHistory(ctx: AppContext, target: { externalUserId?: string; chatId?: string }, now: Date) {
  const since = new Date(now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000).toISOString()
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString()
  const rows = await listSendsToTargetSince(ctx.db.kysely, target, since)
  return {
    recentRoots: new Set(rows.map((r) => Number(r.root_id))),
    sentThisWeek: rows.filter((r) => r.sent_at! >= weekAgo).length,
  }
}

/** Ranked, suitable, not-recently-sent items for the open chat, each with why it is suggested. */
export async function recommend(
  ctx: AppContext,
  staff: SessionStaff,
  req: RecommendationRequest,
): Promise<Recommendations> {
  const db = ctx.db.kysely
  const now = ctx.now()
  if (req.externalUserId) await requireOwnContact(db, staff.userid, req.externalUserId)
  else if (req.chatId) await requireOwnGroup(ctx, staff, req.chatId)
  const [fit, history, rows, asOf, consent] = await Promise.all([
    loadContactFit(db, req.externalUserId, now),
    sendHistory(ctx, req, now),
    listLiveCards(db, req, now),
    lastDatesBySymbol(db),
    req.externalUserId ? findConsent(db, req.externalUserId) : null,
  ])
  const optOut =
    consent?.optedOut && consent.channel && consent.at ? { channel: consent.channel, at: consent.at } : null
  const items: Recommendation[] = []
  let hiddenRecentlySent = 0
  let hiddenUnsuitable = 0
  for (const row of rows) {
    const core = toContentCore(row, row.chart_symbol ? (asOf.get(row.chart_symbol) ?? null) : null, now)
    if (core.stale) continue
    const verdict = judgeItem(row, fit, history.recentRoots, now)
    if (verdict.excluded === 'recent') {
      hiddenRecentlySent++
      continue
    }
    if (verdict.excluded === 'unsuitable' || verdict.excluded === 'assessment') {
      hiddenUnsuitable++
      continue
    }
    items.push({
      item: { ...core, approvalNo: row.approval_no, validUntil: row.valid_until },
      score: verdict.score,
      reasons: verdict.reasons,
      warnings: optOut ? [...verdict.warnings, OPTED_OUT_ITEM_WARNING] : verdict.warnings,
    })
  }
  items.sort((a, b) => b.score - a.score)
  return {
    items: items.slice(0, 50),
    warnings: optOut
      ? [optOutWarning(optOut), ...contactWarnings(fit, history.sentThisWeek)]
      : contactWarnings(fit, history.sentThisWeek),
    sentThisWeek: history.sentThisWeek,
    hiddenRecentlySent,
    hiddenUnsuitable,
    marketingOptOut: optOut,
  }
}

const OPTED_OUT_ITEM_WARNING = '客户已拒收营销推送'

/** Service messages (verification, answers to the customer's questions) are not marketing and stay allowed. */
function optOutWarning(o: { channel: 'told_manager' | 'content_page'; at: string }): string {
  const how = o.channel === 'content_page' ? '在内容页选择' : '告知您'
  return `客户已于 ${chinaDay(o.at)} ${how}“不再接收此类推送”：请勿主动推送营销内容；解答客户的提问不受影响`
}

const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)
