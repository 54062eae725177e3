import type { Rng } from './prng.js'
import type { StaffRow } from './rows.js'
import { momentBetween } from './wecom-rows.js'

const DAY_MS = 86_400_000

/** WeCom add_way codes: 1 QR, 2 phone search, 3 card, 4 group chat, 5 phone contacts, 6 WeChat contact, 201 shared. */
const ADD_WAYS: readonly (readonly [number, number])[] = [
  [1, 35],
  [2, 22],
  [3, 10],
  [4, 3],
  [5, 20],
  [6, 3],
  [201, 7],
]

export const drawAddWay = (rng: Rng) => rng.weighted(ADD_WAYS)

/** A moment in branch hours (08:30–21:30 Beijing time) within the last `days` days before `now`. */
export function addTimeWithin(rng: Rng, now: Date, days: number): Date {
  const todayUtc = Math.floor(now.getTime() / DAY_MS) * DAY_MS
  const dayStart = todayUtc - rng.int(0, days - 1) * DAY_MS
  // 00:30–13:30 UTC is 08:30–21:30 in UTC+8.
  let t = dayStart + 30 * 60_000 + Math.floor(rng.next() * 13 * 3600) * 1000
  if (t >= now.getTime()) t -= DAY_MS
  return new Date(t)
}

/** The initiator WeCom reports: the customer for a QR scan, a colleague for a shared card, else the member. */
export function operUserid(
  rng: Rng,
  addWay: number,
  staff: StaffRow,
  colleagues: readonly StaffRow[],
  externalUserid: string,
): string {
  if (addWay === 1) return externalUserid
  if (addWay === 201) {
    const others = colleagues.filter((c) => c.id !== staff.id)
    return others.length ? rng.pick(others).wecom_userid : staff.wecom_userid
  }
  return staff.wecom_userid
}

/** 「联系我」 channel string, present only for adds through a QR code the branch printed. */
export const channelState = (addWay: number, branchId: string) => (addWay === 1 ? `qr_${branchId}` : null)

export function customerRemark(rng: Rng, name: string, segmentLabel: string): string {
  const r = rng.next()
  if (r < 0.65) return name
  if (r < 0.82) return segmentLabel ? `${name}-${segmentLabel}` : name
  return ''
}

export interface Deletion {
  deletedBy: 'staff' | 'customer' | null
  deletedAt: Date | null
}

/** About 5% deleted by the member and 5% by the customer, some time after `after`. */
export function drawDeletion(rng: Rng, now: Date, after: Date, allowStaff = true): Deletion {
  const r = rng.next()
  const by = r < 0.05 ? (allowStaff ? 'staff' : null) : r < 0.1 ? 'customer' : null
  const at = by ? momentBetween(rng, after, now, 30) : null
  return at ? { deletedBy: by, deletedAt: at } : { deletedBy: null, deletedAt: null }
}

export const SEGMENT_LABEL: Readonly<Record<string, string>> = {
  private: '私行',
  wealth: '财富',
  vip: '贵宾',
  payroll: '代发',
  mass: '',
}
