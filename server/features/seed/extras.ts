import type { SharedCandidate } from './customer-relations.js'
import { addMinutes } from './dates.js'
import { OTHER_BANK_SUBS, OTHER_BANKS, PROVINCES } from './geography.js'
import { randomName } from './names.js'
import type { Org } from './org.js'
import type { Rng } from './prng.js'
import { addTimeWithin, channelState, drawAddWay, drawDeletion, operUserid, type Deletion } from './relation-draws.js'
import type { SimPersonRow, StaffRow } from './rows.js'
import { externalUserid, momentBetween, pushBinding, pushRelation, unionid, type WecomRows } from './wecom-rows.js'

export interface ExtrasContext {
  rng: Rng
  now: Date
  org: Org
  branchProvince: ReadonlyMap<string, string>
  /** Issues a phone number no customer has. */
  nextPhone: () => string
}

function stranger(ctx: ExtrasContext, province: string, corpName: string | null = null): SimPersonRow {
  const { rng } = ctx
  const gender = rng.chance(0.5) ? 'M' : 'F'
  return {
    external_userid: externalUserid(rng),
    name: randomName(rng, gender, rng.int(1960, 2003)).name,
    phone: ctx.nextPhone(),
    gender: rng.chance(0.05) ? 0 : gender === 'M' ? 1 : 2,
    type: corpName ? 2 : 1,
    corp_name: corpName,
    avatar: '',
    unionid: corpName ? null : unionid(rng),
    province,
  }
}

const LIVE: Deletion = { deletedBy: null, deletedAt: null }

/** A relation of `staff` to `person`; its deletion is drawn unless one is given. */
function plainRelation(
  ctx: ExtrasContext,
  staff: StaffRow,
  person: SimPersonRow,
  addTime: Date,
  addWay: number,
  remark: string,
  deletion?: Deletion,
) {
  const colleagues = ctx.org.frontByBranch.get(staff.branch_id) ?? []
  return {
    userid: staff.wecom_userid,
    person,
    addTime,
    addWay,
    operUserid: operUserid(ctx.rng, addWay, staff, colleagues, person.external_userid),
    remark,
    description: '',
    state: channelState(addWay, staff.branch_id),
    tags: '[]',
    ...(deletion ?? drawDeletion(ctx.rng, ctx.now, addTime)),
  }
}

/** Friends and prospects with no CRM record: about a fifth of all relations. */
export function nonCustomerRelation(ctx: ExtrasContext, out: WecomRows): void {
  const { rng } = ctx
  const staff = rng.pick(ctx.org.activeFront)
  const home = ctx.branchProvince.get(staff.branch_id)!
  const person = stranger(ctx, rng.chance(0.85) ? home : rng.pick(PROVINCES))
  const r = rng.next()
  const remark = r < 0.4 ? person.name : r < 0.7 ? '' : `${person.name}${rng.pick(['(朋友)', '-意向', '-同学'])}`
  out.people.push(person)
  pushRelation(out, {
    ...plainRelation(ctx, staff, person, addTimeWithin(rng, ctx.now, 90), drawAddWay(rng), remark),
    description: r > 0.85 ? '潜在客户' : '',
  })
}

/** Managers of other banks adding each other to pad their counts (互加): WeCom users of another corp. */
export function swappedAdds(ctx: ExtrasContext, out: WecomRows, people = 15): void {
  const { rng, org } = ctx
  const swappers = [0, 1, 2, 3].map(() => rng.pick(org.activeFront))
  for (let i = 0; i < people; i++) {
    const staff = swappers[i % swappers.length]!
    const city = org.branches.find((b) => b.id === staff.branch_id)!.name.slice(0, 2)
    const person = stranger(
      ctx,
      ctx.branchProvince.get(staff.branch_id)!,
      `${rng.pick(OTHER_BANKS)}${city}${rng.pick(OTHER_BANK_SUBS)}`,
    )
    out.people.push(person)
    pushRelation(
      out,
      plainRelation(ctx, staff, person, addTimeWithin(rng, ctx.now, 30), rng.chance(0.6) ? 3 : 1, '', LIVE),
    )
  }
}

/** A few managers adding dozens of strangers within one hour (bought or batch-imported friends). */
export function burstAdds(ctx: ExtrasContext, out: WecomRows, staffCount = 3): void {
  const { rng, org } = ctx
  const chosen = new Set<StaffRow>()
  while (chosen.size < Math.min(staffCount, org.activeFront.length)) chosen.add(rng.pick(org.activeFront))
  for (const staff of chosen) {
    const start = addTimeWithin(rng, addMinutes(ctx.now, -24 * 60), 60)
    const count = rng.int(30, 50)
    const offsets = Array.from({ length: count }, () => rng.int(0, 3599)).sort((a, b) => a - b)
    for (const offset of offsets) {
      const person = stranger(ctx, rng.chance(0.5) ? ctx.branchProvince.get(staff.branch_id)! : rng.pick(PROVINCES))
      out.people.push(person)
      const addTime = new Date(start.getTime() + offset * 1000)
      // Bought friends often delete the manager again once the ads start.
      const deletedAt = rng.chance(0.15) ? momentBetween(rng, addTime, ctx.now, 60) : null
      const deletion: Deletion = deletedAt ? { deletedBy: 'customer', deletedAt } : LIVE
      pushRelation(out, plainRelation(ctx, staff, person, addTime, rng.chance(0.7) ? 2 : 5, '', deletion))
    }
  }
}

/**
 * Customers added by two or three of our staff (only the first add may count); the bound ones are
 * verified again by the later staff, to exercise "the first binding wins".
 */
export function sharedAdds(ctx: ExtrasContext, out: WecomRows, candidates: readonly SharedCandidate[]): void {
  const { rng, org } = ctx
  for (const cand of candidates) {
    const extra = rng.chance(0.35) ? 2 : 1
    const used = new Set([cand.owner.id])
    let rebound = cand.verifiedAt === null
    for (let k = 0; k < extra; k++) {
      const sameBranch = (org.frontByBranch.get(cand.owner.branch_id) ?? []).filter((s) => !used.has(s.id))
      const pool = sameBranch.length && rng.chance(0.6) ? sameBranch : org.activeFront.filter((s) => !used.has(s.id))
      const staff = rng.pick(pool)
      used.add(staff.id)
      const addTime = momentBetween(rng, cand.addTime, ctx.now, 60)
      if (!addTime) continue
      pushRelation(
        out,
        plainRelation(ctx, staff, cand.person, addTime, rng.chance(0.5) ? 201 : 2, cand.person.name, LIVE),
      )
      if (rebound) continue
      const since = new Date(Math.max(addTime.getTime(), cand.verifiedAt!.getTime()))
      const verifiedAt = momentBetween(rng, since, ctx.now, 10)
      if (!verifiedAt) continue
      pushBinding(out, {
        externalUserid: cand.person.external_userid,
        cifNo: cand.cifNo,
        userid: staff.wecom_userid,
        verifiedAt,
        method: 'link',
      })
      rebound = true
    }
  }
}
