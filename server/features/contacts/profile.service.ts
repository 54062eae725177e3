import type { ContactProfile } from '../../contracts/contacts.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { piiOf } from '../../lib/pii.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { type ContactRow, fetchMissingRelation, findLiveRelation, listRelationsOfContact } from '../wecom/index.js'
import { branchesOfStaff, branchSubtreeIds, findStaffWithProvince } from '../org/index.js'
import { evaluateAttribution } from './attribution.js'
import { customerSummary } from './customer-summary.js'
import { lastContacts } from './last-contacts.js'
import { findFirstBinding, findFirstBindingWithCustomer, verificationSummary } from '../verification/index.js'

/** The relation the asker may look through: their own (front), or one in their branch subtree (supervisor). */
export async function relationInScope(
  ctx: AppContext,
  staff: SessionStaff,
  externalUserId: string,
): Promise<ContactRow | undefined> {
  const db = ctx.db.kysely
  if (staff.role === 'front') {
    const found = await findLiveRelation(db, staff.userid, externalUserId)
    if (found || !(await fetchMissingRelation(ctx, staff.userid, externalUserId))) return found
    return findLiveRelation(db, staff.userid, externalUserId)
  }
  if (staff.role !== 'supervisor') return undefined
  const branches = new Set(await branchSubtreeIds(db, staff.branchId))
  const relations = await listRelationsOfContact(db, externalUserId)
  const staffRows = relations.length
    ? await branchesOfStaff(
        db,
        relations.map((r) => r.staff_userid),
      )
    : []
  const inScope = new Set(staffRows.filter((s) => branches.has(s.branch_id)).map((s) => s.wecom_userid))
  return relations.find((r) => inScope.has(r.staff_userid))
}

/** Everything the sidebar's first screen needs, in one call; every view (and refusal) is audited. */
export async function getContactProfile(
  ctx: AppContext,
  staff: SessionStaff,
  externalUserId: string,
  ip: string | undefined,
): Promise<ContactProfile> {
  const db = ctx.db.kysely
  const now = ctx.now()
  // Independent reads go out together (on PostgreSQL each takes its own pooled connection). A front-office
  // asker can only look through their own relation, so its owner is known before the relation is.
  const [relation, bound, askerAsOwner] = await Promise.all([
    relationInScope(ctx, staff, externalUserId),
    findFirstBindingWithCustomer(db, externalUserId),
    staff.role === 'front' ? findStaffWithProvince(db, staff.userid) : undefined,
  ])
  const target = `contact:${externalUserId}`
  if (!relation) {
    await recordAudit(db, { actorStaffId: staff.id, action: 'contact.view', target, outcome: 'denied', ip }, now)
    throw new AppError('NOT_YOUR_CONTACT', 403, '该客户不在您（或您管辖机构员工）的企业微信联系人中')
  }
  const owner =
    askerAsOwner?.userid === relation.staff_userid
      ? askerAsOwner
      : await findStaffWithProvince(db, relation.staff_userid)
  if (!owner)
    throw new Error(`relation ${relation.id} names staff ${relation.staff_userid}, who is not in the staff table`)
  const found = bound?.binding
  const [customer, verification, attribution, recent] = await Promise.all([
    // Masked for every role: a supervisor reveals one field with a stated reason (reveal.service.ts).
    found ? customerSummary(db, found.cif_no, true, now, piiOf(ctx.config)) : null,
    verificationSummary(db, relation.staff_userid, externalUserId, found, now),
    evaluateAttribution(db, { relation, staff: owner, binding: found, customer: bound?.customer, now }),
    lastContacts(db, relation.staff_userid, externalUserId),
    // The view is allowed from here on: its audit row goes out with the reads.
    recordAudit(
      db,
      {
        actorStaffId: staff.id,
        action: 'contact.view',
        target,
        outcome: 'allowed',
        ip,
        detail: found ? { cifNo: found.cif_no } : {},
      },
      now,
    ),
  ])
  return {
    contact: {
      externalUserId,
      name: relation.name,
      avatar: relation.avatar,
      remark: relation.remark,
      type: relation.type,
      corpName: relation.corp_name,
      addTime: relation.add_time,
      addWay: relation.add_way,
      deleted: relation.deleted_by,
    },
    customer,
    verification,
    attribution,
    lastContacts: recent,
  }
}

/** Just the verification block, for polling while the customer completes the link. */
export async function getVerificationState(
  ctx: AppContext,
  staff: SessionStaff,
  externalUserId: string,
): Promise<ContactProfile['verification']> {
  const relation = await relationInScope(ctx, staff, externalUserId)
  if (!relation) throw new AppError('NOT_YOUR_CONTACT', 403, '该客户不在您（或您管辖机构员工）的企业微信联系人中')
  const binding = await findFirstBinding(ctx.db.kysely, externalUserId)
  return verificationSummary(ctx.db.kysely, relation.staff_userid, externalUserId, binding, ctx.now())
}
