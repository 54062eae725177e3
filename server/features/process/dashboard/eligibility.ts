import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database } from '../../../db/database.js'
import {
  addsAroundEach,
  assessmentMonth,
  BURST_SIZE,
  isFirstAdd,
  isOutOfProvince,
  isOutOfProvinceExcess,
  isPeerBankContact,
  outOfProvinceAllowance,
  outOfProvinceShare,
  verifiedBefore,
} from '../../contacts/index.js'
import { firstBindingsOf } from '../../verification/index.js'
import { chunks, groupBy } from '../../../lib/collections.js'
import { dayStartIso, addDays } from '../days.js'
import type { AddVerdictsTable } from '../process.table.js'
import { ownerShifts, type OwnerShift } from './period-owners.repository.js'
import type { ScopedStaff } from './scope.js'

export type RuleKey = 'verified' | 'has_account' | 'in_book' | 'first_add' | 'out_of_province'
export type Verdict = 'pass' | 'fail' | 'flagged' | 'unknown'
type Flag = 'peer_bank_contact' | 'added_by_several_staff' | 'add_burst'

/** One add in the period with each rule's verdict, as the contact profile would show it. */
export interface AddVerdict {
  staffUserid: string
  externalUserid: string
  name: string
  addTime: string
  cifNo: string | null
  segment: string | null
  rules: Record<RuleKey, Verdict>
  counts: boolean
  flags: Flag[]
}

export type RuleCounts = ReturnType<typeof emptyCounts>
export const emptyCounts = () => ({
  adds: 0,
  eligible: 0,
  unverified: 0,
  noAccount: 0,
  notOwnBook: 0,
  notFirstAdd: 0,
  outOfProvinceFlagged: 0,
  peerBank: 0,
  severalStaff: 0,
  burst: 0,
})

export function sumCounts(list: RuleCounts[]): RuleCounts {
  const total = emptyCounts()
  for (const c of list) for (const k of Object.keys(total) as (keyof RuleCounts)[]) total[k] += c[k]
  return total
}

export interface RelationToJudge {
  id: number
  staff_userid: string
  external_userid: string
  add_time: string
  type: number
  corp_name: string | null
  /** The member who added it, when the relation was handed over to its holder since. */
  added_by?: string | null
}

/**
 * Every rule but the month-dependent out-of-province share, for each relation, by the shared 计入考核
 * predicates: what `add_verdicts` stores. The profile judges one relation the same way (attribution.ts).
 */
export async function judgeRelations(
  db: Kysely<Database>,
  relations: readonly RelationToJudge[],
): Promise<Insertable<AddVerdictsTable>[]> {
  if (!relations.length) return []
  const exts = [...new Set(relations.map((r) => r.external_userid))]
  const bindings = new Map<string, { cif_no: string }>()
  const relationsOfContact = new Map<string, number>()
  for (const c of chunks(exts)) {
    for (const [ext, b] of await firstBindingsOf(db, c)) bindings.set(ext, b)
    for (const r of await db
      .selectFrom('wecom_contacts')
      .select(['external_userid', (eb) => eb.fn.countAll<number>().as('n')])
      .where('external_userid', 'in', c)
      .groupBy('external_userid')
      .execute())
      relationsOfContact.set(r.external_userid, Number(r.n))
  }
  const cifs = [...new Set([...bindings.values()].map((b) => b.cif_no))]
  const customers = new Map<string, { has_account: number; owner_staff_id: string | null; segment: string }>()
  const firstAdd = new Map<string, { staff_userid: string; add_time: string }>()
  for (const c of chunks(cifs)) {
    for (const r of await db
      .selectFrom('customers')
      .select(['cif_no', 'has_account', 'owner_staff_id', 'segment'])
      .where('cif_no', 'in', c)
      .execute())
      customers.set(r.cif_no, r)
    const adds = await db
      .selectFrom('wecom_contacts')
      .innerJoin('bindings', 'bindings.external_userid', 'wecom_contacts.external_userid')
      .select(['bindings.cif_no', 'wecom_contacts.staff_userid', 'wecom_contacts.add_time'])
      .where('bindings.cif_no', 'in', c)
      .orderBy('wecom_contacts.add_time')
      .orderBy('wecom_contacts.id')
      .execute()
    for (const a of adds) if (!firstAdd.has(a.cif_no)) firstAdd.set(a.cif_no, a)
  }
  const userids = [...new Set(relations.map((r) => r.staff_userid))]
  const staffIds = new Map<string, string>()
  for (const c of chunks(userids)) {
    for (const s of await db
      .selectFrom('staff')
      .select(['id', 'wecom_userid'])
      .where('wecom_userid', 'in', c)
      .execute())
      staffIds.set(s.wecom_userid!, s.id)
  }
  // Copies of one add time (a member's burst) share the count.
  const windowKey = (r: RelationToJudge) => `${r.staff_userid}\u0000${r.add_time}`
  const moments = [
    ...new Map(relations.map((r) => [windowKey(r), { staffUserid: r.staff_userid, addTime: r.add_time }])),
  ]
  const counts = await addsAroundEach(
    db,
    moments.map(([, m]) => m),
  )
  const burstCounts = new Map(moments.map(([key], i) => [key, counts[i]!]))
  const out: Insertable<AddVerdictsTable>[] = []
  for (const r of relations) {
    const binding = bindings.get(r.external_userid)
    const customer = binding ? customers.get(binding.cif_no) : undefined
    const known = !!binding && !!customer
    const verdicts = {
      verified: binding ? 'pass' : 'fail',
      has_account: known ? (customer.has_account ? 'pass' : 'fail') : 'unknown',
      in_book: known ? (customer.owner_staff_id === staffIds.get(r.staff_userid) ? 'pass' : 'fail') : 'unknown',
      first_add: known ? (isFirstAdd(firstAdd.get(binding.cif_no), r) ? 'pass' : 'fail') : 'unknown',
    } as const
    let around = burstCounts.get(windowKey(r))!
    // A handed-over relation (继承) is not an add by its holder: never part of their burst.
    if (r.added_by) around = 0
    out.push({
      relation_id: Number(r.id),
      staff_userid: r.staff_userid,
      external_userid: r.external_userid,
      add_time: r.add_time,
      cif_no: binding?.cif_no ?? null,
      segment: customer?.segment ?? null,
      ...verdicts,
      peer_bank: isPeerBankContact(r) ? 1 : 0,
      several_staff: (relationsOfContact.get(r.external_userid) ?? 1) > 1 ? 1 : 0,
      burst: around >= BURST_SIZE ? 1 : 0,
      base_ok: Object.values(verdicts).every((v) => v === 'pass') ? 1 : 0,
    })
  }
  return out
}

/**
 * Out-of-province, judged when read because it moves with the month: of the adds in [start, end), those whose
 * first binding by the member is an out-of-province verification beyond the 20% allowance of its month
 * (attribution-rules.ts, the profile's rule). Only members over the allowance have their month read row by row.
 */
async function flaggedAdds(
  db: Kysely<Database>,
  staff: readonly ScopedStaff[],
  start: string,
  end: string,
): Promise<Map<number, { staffUserid: string; baseOk: boolean }>> {
  const flagged = new Map<number, { staffUserid: string; baseOk: boolean }>()
  const home = new Map(staff.map((s) => [s.userid, s.province]))
  type Judged = { id: number; staffUserid: string; baseOk: boolean; verified_at: string; external_userid: string }
  const judged = new Map<number, Judged & { ip_province: string | null }>()
  for (const c of chunks([...home.keys()])) {
    const rows = await db
      .selectFrom('add_verdicts as av')
      .innerJoin('bindings as b', (j) =>
        j.onRef('b.external_userid', '=', 'av.external_userid').onRef('b.staff_userid', '=', 'av.staff_userid'),
      )
      .select([
        'av.relation_id',
        'av.staff_userid',
        'av.external_userid',
        'av.base_ok',
        'b.verified_at',
        'b.ip_province',
      ])
      .where('av.staff_userid', 'in', c)
      .where('av.add_time', '>=', start)
      .where('av.add_time', '<', end)
      .orderBy('b.verified_at')
      .execute()
    for (const r of rows) {
      const id = Number(r.relation_id)
      if (judged.has(id)) continue
      judged.set(id, { ...r, id, staffUserid: r.staff_userid, baseOk: r.base_ok === 1 })
    }
  }
  const outside = [...judged.values()].filter((j) => isOutOfProvince(j.ip_province, home.get(j.staffUserid)!))
  for (const [month, list] of groupBy(outside, (j) => assessmentMonth(j.verified_at).start)) {
    const { end: monthEnd } = assessmentMonth(list[0]!.verified_at)
    for (const [userid, mine] of groupBy(list, (j) => j.staffUserid)) {
      const counts = await db
        .selectFrom('bindings')
        .select(['ip_province', (eb) => eb.fn.countAll<number>().as('n')])
        .where('staff_userid', '=', userid)
        .where('verified_at', '>=', month)
        .where('verified_at', '<', monthEnd)
        .groupBy('ip_province')
        .execute()
      const share = outOfProvinceShare(counts, home.get(userid)!)
      if (share.outside <= outOfProvinceAllowance(share.total)) continue
      const month_ = await db
        .selectFrom('bindings')
        .select(['verified_at', 'external_userid', 'ip_province'])
        .where('staff_userid', '=', userid)
        .where('verified_at', '>=', month)
        .where('verified_at', '<', monthEnd)
        .execute()
      const outsideOfMonth = month_.filter((b) => isOutOfProvince(b.ip_province, home.get(userid)!))
      for (const j of mine) {
        const before = outsideOfMonth.filter((b) => verifiedBefore(b, j)).length
        if (isOutOfProvinceExcess(before, share.total)) flagged.set(j.id, { staffUserid: userid, baseOk: j.baseOk })
      }
    }
  }
  return flagged
}

const periodBounds = (from: string, to: string) => [dayStartIso(from), dayStartIso(addDays(to, 1))] as const

/** Each member's rule counts over the adds in [from, to] (Beijing days), counted in the database. */
export async function periodRuleCounts(
  db: Kysely<Database>,
  staff: readonly ScopedStaff[],
  from: string,
  to: string,
): Promise<Map<string, RuleCounts>> {
  const out = new Map(staff.map((s) => [s.userid, emptyCounts()]))
  if (!staff.length) return out
  const [start, end] = periodBounds(from, to)
  for (const c of chunks(staff.map((s) => s.userid))) {
    const rows = await db
      .selectFrom('add_verdicts')
      .select((eb) => {
        const failed = (rule: 'verified' | 'has_account' | 'in_book' | 'first_add') =>
          eb.fn.sum<number>(eb.case().when(rule, '=', 'fail').then(1).else(0).end())
        return [
          'staff_userid',
          eb.fn.countAll<number>().as('adds'),
          eb.fn.sum<number>('base_ok').as('baseOk'),
          failed('verified').as('unverified'),
          failed('has_account').as('noAccount'),
          failed('in_book').as('notOwnBook'),
          failed('first_add').as('notFirstAdd'),
          eb.fn.sum<number>('peer_bank').as('peerBank'),
          eb.fn.sum<number>('several_staff').as('severalStaff'),
          eb.fn.sum<number>('burst').as('burst'),
        ]
      })
      .where('staff_userid', 'in', c)
      .where('add_time', '>=', start)
      .where('add_time', '<', end)
      .groupBy('staff_userid')
      .execute()
    for (const r of rows) {
      Object.assign(out.get(r.staff_userid)!, {
        adds: Number(r.adds),
        eligible: Number(r.baseOk),
        unverified: Number(r.unverified),
        noAccount: Number(r.noAccount),
        notOwnBook: Number(r.notOwnBook),
        notFirstAdd: Number(r.notFirstAdd),
        peerBank: Number(r.peerBank),
        severalStaff: Number(r.severalStaff),
        burst: Number(r.burst),
      })
    }
  }
  const shifts = await ownerShifts(db, start, end)
  for (const shift of shifts) {
    const from = out.get(shift.staff_userid)
    const to = out.get(shift.periodOwner)
    if (from) countAdd(from, shift, -1)
    if (to) countAdd(to, shift, 1)
  }
  // A flag goes with the add: to whoever it counts for in this period (the holder at its end).
  const periodOwnerOf = new Map(shifts.map((s) => [s.relation_id, s.periodOwner]))
  for (const [relationId, f] of await flaggedAdds(db, staff, start, end)) {
    const counts = out.get(periodOwnerOf.get(relationId) ?? f.staffUserid)
    if (!counts) continue
    counts.outOfProvinceFlagged++
    if (f.baseOk) counts.eligible--
  }
  return out
}

/** Adds (or, with -1, removes) one add's verdicts to a member's counts: what the SQL sums count per row. */
function countAdd(c: RuleCounts, r: Selectable<AddVerdictsTable>, sign: 1 | -1) {
  const failed = (v: string) => (v === 'fail' ? sign : 0)
  c.adds += sign
  c.eligible += Number(r.base_ok) * sign
  c.unverified += failed(r.verified)
  c.noAccount += failed(r.has_account)
  c.notOwnBook += failed(r.in_book)
  c.notFirstAdd += failed(r.first_add)
  c.peerBank += Number(r.peer_bank) * sign
  c.severalStaff += Number(r.several_staff) * sign
  c.burst += Number(r.burst) * sign
}

/** One member's adds in [from, to] with every verdict (by who held each relation when the period ended). */
export async function periodAdds(
  db: Kysely<Database>,
  member: ScopedStaff,
  from: string,
  to: string,
): Promise<AddVerdict[]> {
  const [start, end] = periodBounds(from, to)
  const shifts: OwnerShift[] = await ownerShifts(db, start, end)
  const shiftedIn = shifts.filter((s) => s.periodOwner === member.userid).map((s) => s.relation_id)
  const shiftedAway = new Set(shifts.filter((s) => s.periodOwner !== member.userid).map((s) => s.relation_id))
  const held: (Selectable<AddVerdictsTable> & { name: string })[] = await db
    .selectFrom('add_verdicts as av')
    .innerJoin('wecom_contacts as wc', 'wc.id', 'av.relation_id')
    .selectAll('av')
    .select('wc.name')
    .where((eb) =>
      eb.or([
        eb('av.staff_userid', '=', member.userid),
        ...(shiftedIn.length ? [eb('av.relation_id', 'in', shiftedIn)] : []),
      ]),
    )
    .where('av.add_time', '>=', start)
    .where('av.add_time', '<', end)
    .orderBy('av.add_time', 'desc')
    .orderBy('av.relation_id', 'desc')
    .execute()
  const rows = held.filter((r) => !shiftedAway.has(Number(r.relation_id)))
  const flagged = await flaggedAdds(db, [member], start, end)
  return rows.map((r) => {
    const outOfProvince: Verdict = flagged.has(Number(r.relation_id)) ? 'flagged' : 'pass'
    const flags: Flag[] = []
    if (r.peer_bank) flags.push('peer_bank_contact')
    if (r.several_staff) flags.push('added_by_several_staff')
    if (r.burst) flags.push('add_burst')
    return {
      staffUserid: member.userid,
      externalUserid: r.external_userid,
      name: r.name,
      addTime: r.add_time,
      cifNo: r.cif_no,
      segment: r.segment,
      rules: {
        verified: r.verified,
        has_account: r.has_account,
        in_book: r.in_book,
        first_add: r.first_add,
        out_of_province: outOfProvince,
      },
      counts: r.base_ok === 1 && outOfProvince === 'pass',
      flags,
    }
  })
}
