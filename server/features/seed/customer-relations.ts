import { addDays, isoDate } from './dates.js'
import { contactTagRows, corpTagsFor, followTagsJson } from './corp-tags.js'
import type { MadeCustomer } from './customers.js'
import { PROVINCES } from './geography.js'
import type { Org } from './org.js'
import type { Rng } from './prng.js'
import {
  addTimeWithin,
  channelState,
  customerRemark,
  drawAddWay,
  drawDeletion,
  operUserid,
  SEGMENT_LABEL,
} from './relation-draws.js'
import type { SimPersonRow, StaffRow } from './rows.js'
import { externalUserid, momentBetween, pushBinding, pushRelation, unionid, type WecomRows } from './wecom-rows.js'

/** A live customer relation remembered for the "added by several of our staff" pattern. */
export interface SharedCandidate {
  person: SimPersonRow
  cifNo: string
  owner: StaffRow
  addTime: Date
  verifiedAt: Date | null
}

export interface CustomerRelationContext {
  rng: Rng
  now: Date
  org: Org
  staffById: ReadonlyMap<string, StaffRow>
  /** Bound candidates (for double bindings) and unbound ones, filled up to their targets. */
  shared: { bound: SharedCandidate[]; unbound: SharedCandidate[] }
  sharedChance: number
}

const SHARED_TARGET = { bound: 5, unbound: 25 }

function personFor(ctx: CustomerRelationContext, c: MadeCustomer['customer']): SimPersonRow {
  const { rng } = ctx
  return {
    external_userid: externalUserid(rng),
    name: c.name,
    phone: c.phone,
    gender: c.gender === 'M' ? 1 : 2,
    type: 1,
    corp_name: null,
    avatar: '',
    unionid: rng.chance(0.9) ? unionid(rng) : null,
    province: rng.chance(0.93) ? c.province : rng.pick(PROVINCES),
  }
}

/**
 * Decides whether the customer is on a manager's WeCom and writes the relation, its events and any
 * binding. `guaranteed` relations stay live and unverified so every manager has contacts to verify.
 */
export function customerRelation(
  ctx: CustomerRelationContext,
  out: WecomRows,
  made: MadeCustomer,
  guaranteed: boolean,
): void {
  const { rng, now, org } = ctx
  const c = made.customer
  const colleagues = org.frontByBranch.get(c.branch_id) ?? []
  const staff = c.owner_staff_id ? ctx.staffById.get(c.owner_staff_id)! : rng.pick(colleagues)
  const added = guaranteed || rng.chance(c.owner_staff_id ? 0.35 : 0.03)
  if (!added) return

  const person = personFor(ctx, c)
  const addTime = addTimeWithin(rng, now, 90)
  const addWay = drawAddWay(rng)
  const verifiedAt =
    !guaranteed && rng.chance(0.3)
      ? momentBetween(rng, addTime, new Date(Math.min(now.getTime(), addTime.getTime() + 20 * 86_400_000)), 10)
      : null
  const deletion = guaranteed
    ? { deletedBy: null, deletedAt: null }
    : drawDeletion(rng, now, verifiedAt ?? addTime, verifiedAt === null)
  out.people.push(person)
  const corpTags = corpTagsFor(made, person.external_userid, isoDate(addDays(now, 30)))
  pushRelation(out, {
    userid: staff.wecom_userid,
    person,
    addTime,
    addWay,
    operUserid: operUserid(rng, addWay, staff, colleagues, person.external_userid),
    remark: customerRemark(rng, c.name, SEGMENT_LABEL[c.segment]!),
    description: '',
    state: channelState(addWay, c.branch_id),
    tags: followTagsJson(corpTags),
    ...deletion,
  })
  if (!deletion.deletedBy)
    out.contactTags.push(...contactTagRows(staff.wecom_userid, person.external_userid, corpTags, addTime))
  if (verifiedAt)
    pushBinding(out, {
      externalUserid: person.external_userid,
      cifNo: c.cif_no,
      userid: staff.wecom_userid,
      verifiedAt,
      method: rng.chance(0.85) ? 'link' : 'app',
    })

  if (guaranteed || deletion.deletedBy || !rng.chance(ctx.sharedChance)) return
  const pool = verifiedAt ? ctx.shared.bound : ctx.shared.unbound
  if (pool.length < (verifiedAt ? SHARED_TARGET.bound : SHARED_TARGET.unbound))
    pool.push({ person, cifNo: c.cif_no, owner: staff, addTime, verifiedAt })
}
