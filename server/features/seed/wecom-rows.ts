import { addMinutes, epochSeconds } from './dates.js'
import type { ContactTagRow } from './corp-tags.js'
import type { Rng } from './prng.js'
import type { BindingRow, ContactRow, EventRow, SimFollowRow, SimPersonRow } from './rows.js'

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

export function base62(rng: Rng, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += BASE62[Math.floor(rng.next() * 62)]
  return out
}

/** WeCom's external_userid shape: `wm` + 30 base62 characters. */
export const externalUserid = (rng: Rng) => `wm${base62(rng, 30)}`
/** A WeChat unionid shape: `o` + 27 characters. */
export const unionid = (rng: Rng) => `o${base62(rng, 27)}`

/** Rows of the WeCom side, collected per chunk and then inserted table by table. */
export interface WecomRows {
  people: SimPersonRow[]
  follows: SimFollowRow[]
  contacts: ContactRow[]
  bindings: BindingRow[]
  events: EventRow[]
  /** The app's mirror of the members' corp tags on live relations (as a relation import would write it). */
  contactTags: ContactTagRow[]
}

export const emptyWecomRows = (): WecomRows => ({
  people: [],
  follows: [],
  contacts: [],
  bindings: [],
  events: [],
  contactTags: [],
})

export interface Relation {
  userid: string
  person: SimPersonRow
  addTime: Date
  addWay: number
  operUserid: string
  remark: string
  description: string
  state: string | null
  tags: string
  deletedBy: 'staff' | 'customer' | null
  deletedAt: Date | null
}

/** One follow relation as WeCom holds it, mirrored into wecom_contacts as if already synced. */
export function pushRelation(out: WecomRows, r: Relation): void {
  const ext = r.person.external_userid
  const addedAt = r.addTime.toISOString()
  out.follows.push({
    userid: r.userid,
    external_userid: ext,
    remark: r.remark,
    description: r.description,
    createtime: epochSeconds(r.addTime),
    add_way: r.addWay,
    oper_userid: r.operUserid,
    state: r.state,
    tags: r.tags,
    deleted_by_member: r.deletedBy === 'staff' ? 1 : 0,
    deleted_by_customer: r.deletedBy === 'customer' ? 1 : 0,
  })
  out.contacts.push({
    staff_userid: r.userid,
    external_userid: ext,
    name: r.person.name,
    avatar: r.person.avatar,
    type: r.person.type,
    corp_name: r.person.corp_name,
    gender: r.person.gender,
    add_time: addedAt,
    add_way: r.addWay,
    state: r.state,
    remark: r.remark || null,
    deleted_at: r.deletedAt?.toISOString() ?? null,
    deleted_by: r.deletedBy,
    updated_at: (r.deletedAt ?? r.addTime).toISOString(),
  })
  out.events.push({
    type: 'contact_added',
    staff_userid: r.userid,
    external_userid: ext,
    ref_id: null,
    occurred_at: addedAt,
    source: 'sync',
    dedupe_key: `seed:contact_added:${r.userid}:${ext}`,
    payload: JSON.stringify({ add_way: r.addWay }),
  })
  if (r.deletedBy && r.deletedAt) {
    out.events.push({
      type: 'contact_deleted',
      staff_userid: r.userid,
      external_userid: ext,
      ref_id: null,
      occurred_at: r.deletedAt.toISOString(),
      source: 'sync',
      dedupe_key: `seed:contact_deleted:${r.userid}:${ext}`,
      payload: JSON.stringify({ by: r.deletedBy }),
    })
  }
}

export function pushBinding(
  out: WecomRows,
  b: { externalUserid: string; cifNo: string; userid: string; verifiedAt: Date; method: 'link' | 'app' },
): void {
  const at = b.verifiedAt.toISOString()
  out.bindings.push({
    external_userid: b.externalUserid,
    cif_no: b.cifNo,
    staff_userid: b.userid,
    verified_at: at,
    method: b.method,
    verification_id: null,
  })
  out.events.push({
    type: 'verified',
    staff_userid: b.userid,
    external_userid: b.externalUserid,
    ref_id: b.cifNo,
    occurred_at: at,
    source: 'sync',
    dedupe_key: `seed:verified:${b.userid}:${b.externalUserid}`,
    payload: JSON.stringify({ method: b.method }),
  })
}

/** A moment between `from` (+ minGapMinutes) and `until`, or null when the window is too short. */
export function momentBetween(rng: Rng, from: Date, until: Date, minGapMinutes = 5): Date | null {
  const start = addMinutes(from, minGapMinutes).getTime()
  const span = until.getTime() - start
  if (span <= 60_000) return null
  return new Date(Math.floor((start + rng.next() * span) / 1000) * 1000)
}
