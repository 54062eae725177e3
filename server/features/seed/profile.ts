import type { Segment } from '../crm/index.js'
import type { Rng } from './prng.js'

type RiskLevel = 'R1' | 'R2' | 'R3' | 'R4' | 'R5'

export const SEGMENT_MIX: readonly (readonly [Segment, number])[] = [
  ['private', 1],
  ['wealth', 6],
  ['vip', 13],
  ['payroll', 30],
  ['mass', 50],
]

/** Share of each segment the bank assigns to a manager's book (管户). */
export const OWNED_SHARE: Readonly<Record<Segment, number>> = { private: 1, wealth: 1, vip: 1, payroll: 0.6, mass: 0.3 }

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

/** Share of each segment without an account at the bank (closed, or prospects in the CRM); about 3% overall. */
export const NO_ACCOUNT_SHARE: Readonly<Record<Segment, number>> = {
  private: 0,
  wealth: 0,
  vip: 0.005,
  payroll: 0.025,
  mass: 0.045,
}

/** Deposit-heavy segments are older; payroll customers are working age. */
export function drawAge(rng: Rng, segment: Segment): number {
  if (segment === 'payroll') return clamp(Math.round(33 + 8 * rng.normal()), 22, 60)
  if (segment === 'mass') return clamp(Math.round(42 + 16 * rng.normal()), 18, 88)
  return clamp(Math.round(55 + 11 * rng.normal()), 30, 88)
}

const logBetween = (rng: Rng, lo: number, hi: number, skew: number) =>
  Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.next() ** skew)

/** AUM in yuan, with a long tail inside each segment's band. */
export function drawAumYuan(rng: Rng, segment: Segment): number {
  switch (segment) {
    case 'private':
      return Math.min(300_000_000, 6_000_000 / (1 - rng.next()) ** (1 / 1.6))
    case 'wealth':
      return logBetween(rng, 500_000, 5_999_999, 1.6)
    case 'vip':
      return logBetween(rng, 50_000, 499_999, 1.4)
    case 'payroll':
      return clamp(12_000 * Math.exp(rng.normal()), 50, 480_000)
    case 'mass': {
      const yuan = 2_500 * Math.exp(1.5 * rng.normal())
      // Above the VIP line the customer would be VIP; spread the rare outliers below it instead.
      return yuan < 50_000 ? Math.max(10, yuan) : 20_000 + rng.next() * 29_999
    }
  }
}

const RISK_WEIGHTS: readonly (readonly [RiskLevel, number])[] = [
  ['R1', 10],
  ['R2', 35],
  ['R3', 35],
  ['R4', 14],
  ['R5', 6],
]
const RISK_WEIGHTS_AFFLUENT: readonly (readonly [RiskLevel, number])[] = [
  ['R1', 4],
  ['R2', 26],
  ['R3', 40],
  ['R4', 21],
  ['R5', 9],
]

/** Risk level and assessment date; about 15% are older than a year (expired), many mass never assessed. */
export function drawRisk(rng: Rng, segment: Segment): { level: RiskLevel | null; assessedDaysAgo: number | null } {
  if (segment === 'mass' && rng.chance(0.45)) return { level: null, assessedDaysAgo: null }
  const level = rng.weighted(segment === 'private' || segment === 'wealth' ? RISK_WEIGHTS_AFFLUENT : RISK_WEIGHTS)
  const assessedDaysAgo = rng.chance(0.85) ? rng.int(0, 360) : rng.int(367, 1100)
  return { level, assessedDaysAgo }
}
