import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import {
  addsAround, assessmentMonthStart, BURST_SIZE, isFirstAdd, isFlaggedOutOfProvince, isPeerBankContact, outOfProvinceShare,
} from '../../contacts/attribution-rules.js'
import { dayStartIso, addDays } from '../days.js'
import type { ScopedStaff } from './scope.js'

export type RuleKey = 'verified' | 'has_account' | 'in_book' | 'first_add' | 'out_of_province'
export type Verdict = 'pass' | 'fail' | 'flagged' | 'unknown'

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
  flags: ('peer_bank_contact' | 'added_by_several_staff' | 'add_burst')[]
}

const chunks = <T>(xs: T[], n = 500): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

/** Every add by `staff` within [from, to] (Beijing days), judged by the shared 计入考核 rules. */
export async function judgeAdds(db: Kysely<Database>, staff: ScopedStaff[], from: string, to: string, now: Date): Promise<AddVerdict[]> {
  if (!staff.length) return []
  const byUserid = new Map(staff.map((s) => [s.userid, s]))
  const userids = [...byUserid.keys()]
  const [start, end] = [dayStartIso(from), dayStartIso(addDays(to, 1))]
  const relations = []
  for (const c of chunks(userids)) {
    const rows = await db.selectFrom('wecom_contacts').select(['id', 'staff_userid', 'external_userid', 'name', 'add_time', 'type', 'corp_name'])
      .where('staff_userid', 'in', c).where('add_time', '>=', start).where('add_time', '<', end).execute()
    // Not push(...rows): a branch's month of adds at bank scale overflows the call stack (bench, 2 M relations).
    for (const r of rows) relations.push(r)
  }
  const exts = [...new Set(relations.map((r) => r.external_userid))]
  const bindings = new Map<string, { cif_no: string }>()
  const others = new Map<string, number>()
  for (const c of chunks(exts)) {
    // The earliest binding of an identity is the one the profile uses.
    for (const b of await db.selectFrom('bindings').select(['external_userid', 'cif_no', 'verified_at']).where('external_userid', 'in', c).orderBy('verified_at', 'desc').execute()) bindings.set(b.external_userid, b)
    for (const r of await db.selectFrom('wecom_contacts').select(['external_userid', (eb) => eb.fn.countAll<number>().as('n')]).where('external_userid', 'in', c).groupBy('external_userid').execute()) others.set(r.external_userid, Number(r.n))
  }
  const cifs = [...new Set([...bindings.values()].map((b) => b.cif_no))]
  const customers = new Map<string, { has_account: number; owner_staff_id: string | null; segment: string }>()
  const firstAdd = new Map<string, { staff_userid: string; add_time: string }>()
  for (const c of chunks(cifs)) {
    for (const r of await db.selectFrom('customers').select(['cif_no', 'has_account', 'owner_staff_id', 'segment']).where('cif_no', 'in', c).execute()) customers.set(r.cif_no, r)
    const adds = await db.selectFrom('wecom_contacts').innerJoin('bindings', 'bindings.external_userid', 'wecom_contacts.external_userid')
      .select(['bindings.cif_no', 'wecom_contacts.staff_userid', 'wecom_contacts.add_time']).where('bindings.cif_no', 'in', c)
      .orderBy('wecom_contacts.add_time').orderBy('wecom_contacts.id').execute()
    for (const a of adds) if (!firstAdd.has(a.cif_no)) firstAdd.set(a.cif_no, a)
  }
  const provinces = await monthVerifications(db, userids, now)
  const addTimes = await addTimesAround(db, userids, start, end)
  return relations.map((r) => {
    const s = byUserid.get(r.staff_userid)!
    const binding = bindings.get(r.external_userid)
    const customer = binding ? customers.get(binding.cif_no) : undefined
    const mine = provinces.get(r.staff_userid) ?? new Map<string, string | null>()
    const share = outOfProvinceShare([...mine.values()], s.province).share
    const known = !!binding && !!customer
    const rules: Record<RuleKey, Verdict> = {
      verified: binding ? 'pass' : 'fail',
      has_account: known ? (customer.has_account ? 'pass' : 'fail') : 'unknown',
      in_book: known ? (customer.owner_staff_id === s.id ? 'pass' : 'fail') : 'unknown',
      first_add: known ? (isFirstAdd(firstAdd.get(binding.cif_no), r) ? 'pass' : 'fail') : 'unknown',
      out_of_province: isFlaggedOutOfProvince(mine.has(r.external_userid) ? mine.get(r.external_userid)! : undefined, s.province, share) ? 'flagged' : 'pass',
    }
    const flags: AddVerdict['flags'] = []
    if (isPeerBankContact(r)) flags.push('peer_bank_contact')
    if ((others.get(r.external_userid) ?? 1) > 1) flags.push('added_by_several_staff')
    if (addsAround(addTimes.get(r.staff_userid) ?? [], Date.parse(r.add_time)) >= BURST_SIZE) flags.push('add_burst')
    return {
      staffUserid: r.staff_userid, externalUserid: r.external_userid, name: r.name, addTime: r.add_time,
      cifNo: binding?.cif_no ?? null, segment: customer?.segment ?? null, rules, counts: Object.values(rules).every((v) => v === 'pass'), flags,
    }
  })
}

/** This month's verifications per staff member (external_userid → IP province), as the profile's rule reads them. */
async function monthVerifications(db: Kysely<Database>, userids: string[], now: Date): Promise<Map<string, Map<string, string | null>>> {
  const out = new Map<string, Map<string, string | null>>()
  for (const c of chunks(userids)) {
    const rows = await db.selectFrom('bindings').leftJoin('verifications', 'verifications.id', 'bindings.verification_id')
      .select(['bindings.staff_userid', 'bindings.external_userid', 'verifications.ip_province'])
      .where('bindings.staff_userid', 'in', c).where('bindings.verified_at', '>=', assessmentMonthStart(now)).execute()
    for (const r of rows) {
      const m = out.get(r.staff_userid) ?? new Map<string, string | null>()
      if (!m.has(r.external_userid)) m.set(r.external_userid, r.ip_province)
      out.set(r.staff_userid, m)
    }
  }
  return out
}

async function addTimesAround(db: Kysely<Database>, userids: string[], start: string, end: string): Promise<Map<string, number[]>> {
  const pad = 30 * 60_000
  const out = new Map<string, number[]>()
  for (const c of chunks(userids)) {
    const rows = await db.selectFrom('wecom_contacts').select(['staff_userid', 'add_time']).where('staff_userid', 'in', c)
      .where('add_time', '>=', new Date(Date.parse(start) - pad).toISOString()).where('add_time', '<', new Date(Date.parse(end) + pad).toISOString()).execute()
    for (const r of rows) {
      const times = out.get(r.staff_userid)
      if (times) times.push(Date.parse(r.add_time))
      else out.set(r.staff_userid, [Date.parse(r.add_time)])
    }
  }
  return out
}

/** Each rule's count over a set of adds (a contact failing two rules shows in both). */
export function ruleCounts(adds: AddVerdict[]) {
  const n = (pred: (a: AddVerdict) => boolean) => adds.filter(pred).length
  return {
    adds: adds.length,
    eligible: n((a) => a.counts),
    unverified: n((a) => a.rules.verified === 'fail'),
    noAccount: n((a) => a.rules.has_account === 'fail'),
    notOwnBook: n((a) => a.rules.in_book === 'fail'),
    notFirstAdd: n((a) => a.rules.first_add === 'fail'),
    outOfProvinceFlagged: n((a) => a.rules.out_of_province === 'flagged'),
    peerBank: n((a) => a.flags.includes('peer_bank_contact')),
    severalStaff: n((a) => a.flags.includes('added_by_several_staff')),
    burst: n((a) => a.flags.includes('add_burst')),
  }
}
