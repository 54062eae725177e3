const BEIJING_OFFSET_MS = 8 * 3600_000

/** The calendar date in Beijing time (what staff and customers read), e.g. 2026-11-24. */
export function beijingDate(iso: string): string {
  return new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}
