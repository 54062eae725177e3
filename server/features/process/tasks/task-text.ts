import type { TaskBodyT } from '../../../contracts/process.js'
import type { AppContext } from '../../../lib/context.js'
import { AppError } from '../../../lib/errors.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import {
  gateOutbound,
  requiredDisclosures,
  withDisclosures,
  type ComplianceFinding,
  type OutboundPath,
} from '../../compliance/index.js'
import { isLive } from '../../review/index.js'
import { findLibraryItem } from './library-items.repository.js'

export interface LibraryItem {
  id: number
  title: string
  body: string
  link: string | null
  topic: string
  disclaimer: string | null
  status: string
  valid_from: string | null
  valid_until: string | null
}

export interface GatedText {
  /** The text as it will leave: with its 风险提示 when it talks about products or markets. */
  text: string
  findings: ComplianceFinding[]
  /** An approved, live library item sent as approved: no second review needed. */
  fromApprovedItem: boolean
}

/** The library item a moment / mass send copies, if any; only approved, live items may be used. */
export async function libraryItem(ctx: AppContext, itemId: number | null): Promise<LibraryItem | null> {
  if (!itemId) return null
  const item = await findLibraryItem(ctx.db.kysely, itemId)
  if (!item || !isLive(item, ctx.now()))
    throw new AppError('ITEM_NOT_APPROVED', 400, '所选内容不存在、未通过审核或不在有效期内')
  return { ...item, id: Number(item.id) }
}

/** Runs a task's text through the compliance gate (422 when it blocks) and appends the 风险提示 it needs. */
export async function gateTaskText(
  ctx: AppContext,
  staff: Pick<SessionStaff, 'id'>,
  body: Pick<TaskBodyT, 'text' | 'link'>,
  item: LibraryItem | null,
  ref: { path: OutboundPath; taskId: string },
): Promise<GatedText> {
  const topic = item?.topic ?? 'general'
  // Free text gets the standard 风险提示 appended, so it is checked as carrying one.
  const disclaimer = item?.disclaimer ?? (requiredDisclosures(topic, [body.text])[0] || null)
  const result = await gateOutbound(
    ctx.db.kysely,
    {
      fields: { text: body.text },
      topic,
      disclaimer,
      links: body.link ? [body.link.url] : [],
    },
    {
      path: ref.path,
      staffId: staff.id,
      refId: ref.taskId,
      now: ctx.now(),
      publicBaseUrl: ctx.config.publicBaseUrl,
      blockedMessage: '任务文案未通过合规检查，不能下达，请按提示修改',
    },
  )
  return {
    text: withDisclosures(body.text, item?.disclaimer, result.requiredDisclosures),
    findings: result.findings,
    fromApprovedItem: !!item && body.text.trim() === item.body.trim(),
  }
}
