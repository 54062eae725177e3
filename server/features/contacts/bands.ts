const WAN = 10_000 * 100 // 1万 in cents

const AUM_BANDS: Array<[number, string]> = [
  [5 * WAN, '5万以下'],
  [50 * WAN, '5万–50万'],
  [600 * WAN, '50万–600万'],
  [3000 * WAN, '600万–3000万'],
  [Infinity, '3000万以上'],
]

/** Front office sees a band, never the exact AUM. */
export function aumBand(cents: number): string {
  return AUM_BANDS.find(([upper]) => cents < upper)![1]
}

/** A risk assessment is valid for one year. */
export function riskExpired(assessedAt: string | null, now: Date): boolean {
  if (!assessedAt) return true
  const expires = new Date(assessedAt)
  expires.setFullYear(expires.getFullYear() + 1)
  return expires <= now
}
