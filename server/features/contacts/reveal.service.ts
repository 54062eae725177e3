import { REVEAL_FIELD_LABELS, type RevealBodyT, type RevealResult } from '../../contracts/contacts.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { maskNumbersInText } from '../../lib/masking.js'
import { piiOf } from '../../lib/pii.js'
import { recordAudit } from '../audit/index.js'
import { findFirstBinding } from '../verification/index.js'
import { findCustomerSealedPii } from './customer.repository.js'
import { relationInScope } from './profile.service.js'

/** Reveals per supervisor: a need is occasional; more than this is a look-up habit the audit should stop. */
export const REVEALS_PER_HOUR = 10
export const REVEALS_PER_DAY = 30

/**
 * One field of one customer in full, for a supervisor with a stated reason (JR/T 0171, minimum necessary). The
 * reveal is audited — who, whom, which field, why, when, from where — before the value leaves; a refusal is too.
 */
export async function revealCustomerField(
  ctx: AppContext,
  staff: SessionStaff,
  externalUserId: string,
  body: RevealBodyT,
  ip: string | undefined,
): Promise<RevealResult> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const target = `contact:${externalUserId}`
  // A reason never needs an ID or phone number in it, and the audit log is kept for years.
  const detail = { field: body.field, reason: body.reason, note: maskNumbersInText(body.note) }
  const relation = await relationInScope(ctx, staff, externalUserId)
  if (!relation) {
    await recordAudit(
      db,
      { actorStaffId: staff.id, action: 'contact.reveal', target, outcome: 'denied', ip, detail },
      now,
    )
    throw new AppError('NOT_YOUR_CONTACT', 403, '该客户不在您管辖机构员工的企业微信联系人中')
  }
  const binding = await findFirstBinding(db, externalUserId)
  const customer = binding ? await findCustomerSealedPii(db, binding.cif_no) : undefined
  if (!customer)
    throw new AppError('NOT_FOUND', 404, `该客户尚未实名认证，没有可查看的${REVEAL_FIELD_LABELS[body.field]}`)
  const pii = piiOf(ctx.config)
  const value =
    body.field === 'phone'
      ? pii.decrypt('phone', customer.cif_no, customer.pii_key_id, customer.phone_enc)
      : pii.decrypt('id_no', customer.cif_no, customer.pii_key_id, customer.id_no_enc)
  await recordAudit(
    db,
    {
      actorStaffId: staff.id,
      action: 'contact.reveal',
      target,
      outcome: 'allowed',
      ip,
      detail: { cifNo: customer.cif_no, ...detail },
    },
    now,
  )
  return { field: body.field, value }
}
