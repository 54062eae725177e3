import type { Kysely } from 'kysely'
import type { MarketSymbol } from '../../contracts/content.js'
import type { Database } from '../../db/database.js'
import { upsertPoints } from '../content/index.js'
import type { Rng } from './prng.js'

const YEARS = 3
const DAY = 86_400_000

/** Start level, daily volatility and yearly drift of each synthetic series (plausible, not real). */
const WALKS: Record<MarketSymbol, { start: number; vol: number; drift: number; decimals: number }> = {
  SH000001: { start: 3050, vol: 0.011, drift: 0.02, decimals: 2 },
  HSI: { start: 19500, vol: 0.014, drift: -0.01, decimals: 2 },
  IXIC: { start: 12800, vol: 0.013, drift: 0.12, decimals: 2 },
  N225: { start: 27500, vol: 0.012, drift: 0.1, decimals: 2 },
  XAUUSD: { start: 1800, vol: 0.009, drift: 0.14, decimals: 2 },
  USDCNY: { start: 6.9, vol: 0.0025, drift: 0.01, decimals: 4 },
}

/** Weekdays up to yesterday, Beijing calendar. */
function tradingDays(now: Date): string[] {
  const end = new Date(now.getTime() + 8 * 3600_000 - DAY)
  const days: string[] = []
  for (let t = end.getTime() - YEARS * 365 * DAY; t <= end.getTime(); t += DAY) {
    const d = new Date(t)
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10))
  }
  return days
}

/** A seeded random walk per symbol, marked `synthetic` so charts and the console say it is demo data. */
export async function seedMarketSeries(trx: Kysely<Database>, rng: Rng, now: Date): Promise<number> {
  await trx.deleteFrom('market_series').where('source', '=', 'synthetic').execute()
  const days = tradingDays(now)
  const rows: { symbol: string; date: string; close: number }[] = []
  for (const [symbol, walk] of Object.entries(WALKS)) {
    let level = walk.start
    for (const date of days) {
      level *= Math.exp(walk.drift / 250 - (walk.vol * walk.vol) / 2 + walk.vol * rng.normal())
      rows.push({ symbol, date, close: Number(level.toFixed(walk.decimals)) })
    }
  }
  await upsertPoints(trx, rows, 'synthetic', now)
  return rows.length
}
