const BEIJING_OFFSET_MS = 8 * 3600_000

/** The calendar date in Beijing time (what staff and customers read), e.g. 2026-11-24. */
export function beijingDate(iso: string): string {
  return new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant a Beijing calendar day starts, `plusDays` later: `beijingDayStart('2026-11-24', 1)` is 11-24 16:00Z. */
export function beijingDayStart(day: string, plusDays = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000)
}
