import type { AppContext } from '../../lib/context.js'
import { checkText, recordCheck } from '../compliance/index.js'
import { WecomApiError, type WecomClient, type WelcomeCodeEvent } from '../wecom/index.js'
import { complianceInputOf } from './welcome-authoring.service.js'
import { claimCode, liveMessageFor, recordResult } from './welcome.repository.js'

/** WeCom keeps a WelcomeCode for 20 s; we stop trying a little earlier so a slow call cannot straddle the end. */
export const WELCOME_CODE_VALID_MS = 20_000
const SEND_MARGIN_MS = 1_000
/** 41051: the customer already chatted, or the code was used or expired: nothing left to send. */
const CODE_USED = 41051

/**
 * Answers a WelcomeCode with the live welcome message for the member (their branch's, else the default), once.
 * The code is claimed in `welcome_sends` first, so a redelivered or retried callback never sends twice; every
 * outcome (sent, code used, too late, failed, nothing approved) stays on that row. Never retried: the code is
 * single use and dies in 20 s, and without a greeting WeCom lets the member's own client greet.
 */
export async function answerWelcomeCode(ctx: AppContext, client: WecomClient, event: WelcomeCodeEvent): Promise<void> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const message = await liveMessageFor(db, event.staffUserid, now)
  const late = now.getTime() - event.issuedAt.getTime() > WELCOME_CODE_VALID_MS - SEND_MARGIN_MS
  const id = await claimCode(db, {
    welcome_code: event.welcomeCode,
    staff_userid: event.staffUserid,
    external_userid: event.externalUserid,
    message_id: message ? Number(message.id) : null,
    approval_no: message?.approval_no ?? null,
    result: !message ? 'no_message' : late ? 'too_late' : 'failed',
    errcode: null,
    error: message && !late ? '发送中' : null,
    code_issued_at: event.issuedAt.toISOString(),
    attempted_at: now.toISOString(),
  })
  if (id === undefined || !message || late) return

  // The lexicon may have changed since approval: the send is gated and recorded like every outbound text.
  const input = complianceInputOf(message)
  const checked = await checkText(db, input, { publicBaseUrl: ctx.config.publicBaseUrl })
  await recordCheck(db, input, checked, { path: 'welcome.send', staffId: null, refId: String(id), now })
  if (checked.blocking.length) {
    await recordResult(db, id, 'failed', { error: '合规检查未通过（词库已更新），未发送' })
    return
  }
  try {
    await client.sendWelcomeMsg({
      welcome_code: event.welcomeCode,
      text: { content: message.text },
      ...(message.link_url
        ? {
            attachments: [
              {
                msgtype: 'link' as const,
                link: {
                  title: message.link_title ?? '',
                  url: message.link_url,
                  ...(message.link_desc ? { desc: message.link_desc } : {}),
                },
              },
            ],
          }
        : {}),
    })
    await recordResult(db, id, 'sent')
  } catch (err) {
    const errcode = err instanceof WecomApiError ? err.errcode : null
    const error = err instanceof Error ? err.message.slice(0, 500) : 'unknown error'
    await recordResult(db, id, errcode === CODE_USED ? 'code_used' : 'failed', { errcode, error })
  }
}
