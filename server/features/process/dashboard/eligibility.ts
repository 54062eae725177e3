import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { chunks } from '../../../lib/collections.js'
import { addsAroundEach, BURST_SIZE, isFirstAdd, isPeerBankContact } from '../../contacts/index.js'
import { firstBindingsOf } from '../../verification/index.js'
import type { AddVerdictsTable } from '../process.table.js'
import { staffIdsOfUserids } from '../staff.repository.js'
import { addsOfCustomersOldestFirst, countRelationsByContact, customerRuleFacts } from './eligibility.repository.js'

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
    for (const r of await countRelationsByContact(db, c)) relationsOfContact.set(r.external_userid, Number(r.n))
  }
  const cifs = [...new Set([...bindings.values()].map((b) => b.cif_no))]
  const customers = new Map<string, { has_account: number; owner_staff_id: string | null; segment: string }>()
  const firstAdd = new Map<string, { staff_userid: string; add_time: string }>()
  for (const c of chunks(cifs)) {
    for (const r of await customerRuleFacts(db, c)) customers.set(r.cif_no, r)
    const adds = await addsOfCustomersOldestFirst(db, c)
    for (const a of adds) if (!firstAdd.has(a.cif_no)) firstAdd.set(a.cif_no, a)
  }
  const userids = [...new Set(relations.map((r) => r.staff_userid))]
  const staffIds = new Map<string, string>()
  for (const c of chunks(userids)) {
    for (const s of await staffIdsOfUserids(db, c)) staffIds.set(s.wecom_userid!, s.id)
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
