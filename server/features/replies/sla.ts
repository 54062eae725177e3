/**
 * The 问中台 service level: an answer within 2 working hours (Monday–Friday, 09:00–18:00 Beijing time), an
 * urgent question within 30 working minutes. A normal question asked in the evening is due at 11:00 the next
 * working day. Public holidays are not modelled.
 */
export const SLA_WORKING_HOURS = 2
export const URGENT_SLA_WORKING_HOURS = 0.5

/** Working hours an escalation of this urgency has to be answered in. */
export const slaHoursFor = (urgency: 'normal' | 'urgent'): number =>
  urgency === 'urgent' ? URGENT_SLA_WORKING_HOURS : SLA_WORKING_HOURS

const BEIJING_OFFSET_MS = 8 * 3600_000
const HOUR_MS = 3600_000
const OPEN_HOUR = 9
const CLOSE_HOUR = 18

/** Beijing wall-clock fields of an instant (as a fake-UTC Date, so getUTC* read Beijing time). */
const beijing = (d: Date) => new Date(d.getTime() + BEIJING_OFFSET_MS)
const fromBeijing = (d: Date) => new Date(d.getTime() - BEIJING_OFFSET_MS)
const isWorkday = (b: Date) => b.getUTCDay() >= 1 && b.getUTCDay() <= 5

function atHour(b: Date, hour: number): Date {
  const x = new Date(b)
  x.setUTCHours(hour, 0, 0, 0)
  return x
}

/** The next instant inside working hours, `from` itself if it already is. */
function nextWorkingInstant(b: Date): Date {
  let x = new Date(b)
  for (;;) {
    if (isWorkday(x) && x < atHour(x, CLOSE_HOUR)) return x < atHour(x, OPEN_HOUR) ? atHour(x, OPEN_HOUR) : x
    x = atHour(new Date(x.getTime() + 24 * HOUR_MS), OPEN_HOUR)
  }
}

/** When an escalation asked at `askedAt` must be answered. */
export function slaDueAt(askedAt: Date, hours = SLA_WORKING_HOURS): Date {
  let left = hours * HOUR_MS
  let at = nextWorkingInstant(beijing(askedAt))
  for (;;) {
    const untilClose = atHour(at, CLOSE_HOUR).getTime() - at.getTime()
    if (left <= untilClose) return fromBeijing(new Date(at.getTime() + left))
    left -= untilClose
    at = nextWorkingInstant(atHour(new Date(at.getTime() + 24 * HOUR_MS), OPEN_HOUR))
  }
}
