import { beijingDate } from '../../lib/time.js'

/** Calendar days (YYYY-MM-DD, Beijing) — how WeCom, the bank and the dashboard count. */
const DAY_MS = 86_400_000
const OFFSET_MS = 8 * 3600_000

export const today = (now: Date): string => beijingDate(now.toISOString())

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** 00:00 Beijing of `day`, as epoch seconds (WeCom's stat_time). */
export const dayStartEpoch = (day: string): number => (Date.parse(`${day}T00:00:00Z`) - OFFSET_MS) / 1000
/** 00:00 Beijing of `day` as an ISO instant, for comparing with stored timestamps. */
export const dayStartIso = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS).toISOString()
export const dayOfEpoch = (seconds: number): string => beijingDate(new Date(seconds * 1000).toISOString())

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

export const monthOf = (day: string): string => day.slice(0, 7)

export function daysInMonth(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

export type PeriodKind = 'day' | 'week' | 'month'

/** The period containing `anchor`: the day, its Monday-to-Sunday week, or its calendar month. */
export function periodRange(kind: PeriodKind, anchor: string): { from: string; to: string } {
  if (kind === 'day') return { from: anchor, to: anchor }
  if (kind === 'week') {
    const weekday = (new Date(`${anchor}T00:00:00Z`).getUTCDay() + 6) % 7
    const from = addDays(anchor, -weekday)
    return { from, to: addDays(from, 6) }
  }
  const from = `${monthOf(anchor)}-01`
  return { from, to: addDays(from, daysInMonth(anchor) - 1) }
}
