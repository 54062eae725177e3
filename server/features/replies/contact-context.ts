import type { Kysely } from 'kysely'
import type { ContactReplyContext, QaTopic } from '../../contracts/replies.js'
import type { Database } from '../../db/database.js'
import type { AppContext } from '../../lib/context.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { requireOwnContact } from '../wecom/index.js'
import { customerSummary } from '../contacts/index.js'
import { firstBoundCifNo } from '../verification/index.js'

const TOPIC_OF_PRODUCT: Record<string, QaTopic> = {
  fund: 'fund',
  gold: 'gold',
  fx: 'fx',
  insurance: 'insurance',
  wealth: 'wealth',
  time_deposit: 'deposit',
  demand_deposit: 'deposit',
}
// Higher segments ask about allocation and wealth products even before they hold any.
const TOPIC_OF_SEGMENT: Record<string, QaTopic[]> = {
  private: ['wealth', 'insurance'],
  wealth: ['wealth', 'fund'],
  vip: ['wealth'],
  payroll: ['deposit', 'loan'],
  mass: ['deposit'],
}

/** Throws unless the contact is a live relation of the signed-in manager. */
export async function assertOwnContact(ctx: AppContext, staff: SessionStaff, externalUserId: string): Promise<void> {
  await requireOwnContact(ctx.db.kysely, staff.userid, externalUserId)
}

/**
 * The contact's non-sensitive context for ranking and 问中台: segment, holding types, risk level and the
 * topics they point to — never name, phone or amounts. Empty until the contact is verified and bound.
 */
export async function readContactContext(
  db: Kysely<Database>,
  externalUserId: string,
  now: Date,
): Promise<ContactReplyContext> {
  const cifNo = await firstBoundCifNo(db, externalUserId)
  const customer = cifNo ? await customerSummary(db, cifNo, true, now) : null
  if (!customer) return { segment: null, holdingTypes: [], riskLevel: null, topics: [] }
  const holdingTypes = customer.holdings.map((h) => h.productType)
  const topics = new Set<QaTopic>()
  for (const type of holdingTypes) if (TOPIC_OF_PRODUCT[type]) topics.add(TOPIC_OF_PRODUCT[type])
  for (const topic of TOPIC_OF_SEGMENT[customer.segment] ?? []) topics.add(topic)
  return { segment: customer.segment, holdingTypes, riskLevel: customer.riskLevel, topics: [...topics] }
}

/** The context of one of the signed-in manager's own contacts (403 for anyone else's). */
export async function contactReplyContext(
  ctx: AppContext,
  staff: SessionStaff,
  externalUserId: string,
): Promise<ContactReplyContext> {
  await assertOwnContact(ctx, staff, externalUserId)
  return readContactContext(ctx.db.kysely, externalUserId, ctx.now())
}
