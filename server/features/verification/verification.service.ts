import { randomUUID } from 'node:crypto'
import type { CreatedVerification } from '../../contracts/verification.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { newToken, sha256Hex } from '../../lib/secrets.js'
import { requireOwnContact } from '../wecom/index.js'
import { appendEvent } from '../events/index.js'
import { isBound } from './bindings.repository.js'
import { findIssuedBy, insertVerification, supersedeOpenLinks, updateVerification } from './verification.repository.js'

/** Issues a single-use verification link for a contact of the signed-in manager. */
export async function createVerification(
  ctx: AppContext,
  staff: SessionStaff,
  externalUserId: string,
): Promise<CreatedVerification> {
  const db = ctx.db.kysely
  await requireOwnContact(db, staff.userid, externalUserId, '该客户不在您的企业微信联系人中，无法发送认证链接')
  if (await isBound(db, externalUserId))
    throw new AppError('ALREADY_VERIFIED', 409, '该客户已完成实名认证，无需再次发送')

  const now = ctx.now()
  const token = newToken()
  const id = randomUUID()
  const expiresAt = new Date(now.getTime() + ctx.config.verifyLinkTtlHours * 3600_000)
  await db.transaction().execute(async (trx) => {
    await supersedeOpenLinks(trx, staff.userid, externalUserId, now)
    await insertVerification(trx, {
      id,
      token_hash: sha256Hex(token),
      staff_userid: staff.userid,
      external_userid: externalUserId,
      status: 'sent',
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      sent_at: null,
      opened_at: null,
      verified_at: null,
      failed_at: null,
      failure_reason: null,
      identity_attempts: 0,
      code_attempts: 0,
      code_hash: null,
      code_expires_at: null,
      code_sent_at: null,
      candidate_cif_no: null,
      candidate_problem: null,
      cif_no: null,
      client_ip: null,
      ip_province: null,
    })
  })
  const base = ctx.config.publicBaseUrl
  return {
    id,
    url: `${base}/v/${token}`,
    expiresAt: expiresAt.toISOString(),
    card: {
      title: '请完成实名认证，享受专属服务',
      desc: `${staff.name}邀请您完成实名认证，认证后可获得专属理财顾问服务。链接 ${ctx.config.verifyLinkTtlHours} 小时内有效。`,
      imgUrl: `${base}/verify-card.png`,
    },
  }
}

/** The sidebar reports that the card really went into the chat (sendChatMessage succeeded). */
export async function markVerificationSent(ctx: AppContext, staff: SessionStaff, id: string): Promise<void> {
  const db = ctx.db.kysely
  const row = await findIssuedBy(db, id, staff.userid)
  if (!row) throw new AppError('NOT_FOUND', 404, '认证链接不存在')
  if (row.sent_at) return
  const now = ctx.now()
  await db.transaction().execute(async (trx) => {
    await updateVerification(trx, id, { sent_at: now.toISOString() })
    await appendEvent(trx, {
      type: 'verify_link_sent',
      staffUserid: staff.userid,
      externalUserid: row.external_userid,
      refId: id,
      occurredAt: now,
      source: 'sidebar',
      dedupeKey: `verify_link_sent:${id}`,
    })
  })
}
