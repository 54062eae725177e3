import type { ProductType, Segment } from '../crm/index.js'
import { addDays, isoDate } from './dates.js'
import type { Rng } from './prng.js'
import type { HoldingRow } from './rows.js'

type Mix = readonly (readonly [ProductType, number])[]

const AFFLUENT_MIX: Mix = [
  ['time_deposit', 25],
  ['wealth', 30],
  ['fund', 20],
  ['insurance', 12],
  ['gold', 6],
  ['fx', 7],
]
const PRODUCT_MIX: Readonly<Record<Segment, Mix>> = {
  private: AFFLUENT_MIX,
  wealth: AFFLUENT_MIX,
  vip: [
    ['time_deposit', 30],
    ['wealth', 30],
    ['fund', 18],
    ['insurance', 12],
    ['gold', 6],
    ['fx', 4],
  ],
  payroll: [
    ['time_deposit', 25],
    ['wealth', 25],
    ['fund', 35],
    ['insurance', 5],
    ['gold', 7],
    ['fx', 3],
  ],
  mass: [
    ['time_deposit', 45],
    ['wealth', 20],
    ['fund', 25],
    ['insurance', 3],
    ['gold', 7],
  ],
}
const COUNT_RANGE: Readonly<Record<Segment, readonly [number, number]>> = {
  private: [3, 5],
  wealth: [3, 5],
  vip: [2, 4],
  payroll: [1, 3],
  mass: [1, 2],
}
const DEPOSIT_TERMS: readonly (readonly [number, number])[] = [
  [91, 15],
  [182, 20],
  [365, 30],
  [730, 15],
  [1095, 15],
  [1825, 5],
]
const WEALTH_TERMS: readonly (readonly [number, number])[] = [
  [91, 30],
  [182, 35],
  [365, 35],
]

/** A fixed-term product that is still running: `now` falls somewhere inside its term. */
function runningTerm(rng: Rng, now: Date, term: number): Pick<HoldingRow, 'opened_at' | 'maturity_date'> {
  const maturity = addDays(now, rng.int(1, term))
  return { opened_at: isoDate(addDays(maturity, -term)), maturity_date: isoDate(maturity) }
}

function dates(rng: Rng, type: ProductType, now: Date): Pick<HoldingRow, 'opened_at' | 'maturity_date'> {
  if (type === 'time_deposit') return runningTerm(rng, now, rng.weighted(DEPOSIT_TERMS))
  if (type === 'wealth' && rng.chance(0.6)) return runningTerm(rng, now, rng.weighted(WEALTH_TERMS))
  const maxAge = type === 'demand_deposit' ? 4400 : 1800
  return { opened_at: isoDate(addDays(now, -rng.int(20, maxAge))), maturity_date: null }
}

/** 1–5 products whose amounts add up to the AUM; the first is always the demand deposit account. */
export function makeHoldings(rng: Rng, cifNo: string, segment: Segment, aumCents: number, now: Date): HoldingRow[] {
  const [lo, hi] = COUNT_RANGE[segment]
  const count = Math.max(1, Math.min(rng.int(lo, hi), Math.floor(aumCents / 10_000)))
  const types: ProductType[] = ['demand_deposit']
  while (types.length < count) types.push(rng.weighted(PRODUCT_MIX[segment]))
  const demandBias = segment === 'mass' || segment === 'payroll' ? 3 : 1
  const weights = types.map((_, i) => -Math.log(1 - rng.next()) * (i === 0 ? demandBias : 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const amounts = weights.map((w) => Math.floor((aumCents * w) / total))
  amounts[0]! += aumCents - amounts.reduce((a, b) => a + b, 0)
  return types.map((type, i) => ({
    holding_no: `${cifNo}-${i + 1}`,
    cif_no: cifNo,
    product_type: type,
    amount_cents: amounts[i]!,
    ...dates(rng, type, now),
  }))
}
