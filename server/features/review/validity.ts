const BEIJING_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** 00:00 Beijing time of a `YYYY-MM-DD` date. */
export function beijingDayStart(date: string): Date {
  return new Date(new Date(`${date}T00:00:00.000Z`).getTime() - BEIJING_OFFSET_MS)
}

/** Validity days chosen in the console → the instants the workflow stores (until = end of that day). */
export function validityWindow(
  body: { validFrom?: string; validUntil: string },
  now: Date,
): { validFrom: Date; validUntil: Date } {
  return {
    validFrom: body.validFrom ? beijingDayStart(body.validFrom) : now,
    validUntil: new Date(beijingDayStart(body.validUntil).getTime() + DAY_MS),
  }
}
