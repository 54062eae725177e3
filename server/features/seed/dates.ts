const DAY_MS = 86_400_000

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS)
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000)
}

/** `YYYY-MM-DD` in UTC, so the output does not depend on the machine's time zone. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
