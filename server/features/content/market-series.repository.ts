import type { Kysely } from 'kysely'
import type { MarketSymbol, SeriesSummary } from '../../contracts/content.js'
import type { Database } from '../../db/database.js'
import { MARKET_SYMBOLS } from './market-symbols.js'
import { preparedQuery } from '../../db/prepared.js'

type Q = Kysely<Database>

export interface SeriesPoint {
  date: string
  close: number
  synthetic: boolean
}

/** symbol → last date with data. */
// One index seek per charted symbol: `group by symbol` read every row of the series on each sidebar
// recommendation (1 ms at a few thousand rows, growing with history).
const lastDateOf = preparedQuery<{ symbol: string }, { last: string | null }>((db, param) =>
  db
    .selectFrom('market_series')
    .select((eb) => eb.fn.max('date').as('last'))
    .where('symbol', '=', param('symbol')),
)

export async function lastDatesBySymbol(db: Q): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const symbol of Object.keys(MARKET_SYMBOLS)) {
    const [row] = await lastDateOf.execute(db, { symbol })
    if (row?.last) out.set(symbol, String(row.last))
  }
  return out
}

/** The last `windowDays` calendar days of data up to the series' last date. */
export async function seriesWindow(db: Q, symbol: MarketSymbol, windowDays: number): Promise<SeriesPoint[]> {
  const last = (await lastDatesBySymbol(db)).get(symbol)
  if (!last) return []
  const from = new Date(new Date(`${last}T00:00:00.000Z`).getTime() - windowDays * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const rows = await db
    .selectFrom('market_series')
    .select(['date', 'close', 'source'])
    .where('symbol', '=', symbol)
    .where('date', '>', from)
    .orderBy('date')
    .execute()
  return rows.map((r) => ({ date: r.date, close: Number(r.close), synthetic: r.source === 'synthetic' }))
}

export async function seriesSummaries(db: Q): Promise<SeriesSummary[]> {
  const rows = await db
    .selectFrom('market_series')
    .select([
      'symbol',
      (eb) => eb.fn.countAll().as('points'),
      (eb) => eb.fn.min('date').as('first'),
      (eb) => eb.fn.max('date').as('last'),
      (eb) => eb.fn.max('source').as('maxSource'),
    ])
    .groupBy('symbol')
    .orderBy('symbol')
    .execute()
  return rows.map((r) => ({
    symbol: r.symbol as MarketSymbol,
    name: MARKET_SYMBOLS[r.symbol as MarketSymbol]?.name ?? r.symbol,
    points: Number(r.points),
    firstDate: String(r.first),
    lastDate: String(r.last),
    // 'synthetic' sorts after 'csv': any synthetic point marks the series as demo data.
    synthetic: r.maxSource === 'synthetic',
  }))
}

/** Upserts points; a re-imported date replaces the old close. */
export async function upsertPoints(
  db: Q,
  rows: { symbol: string; date: string; close: number }[],
  source: 'csv' | 'synthetic',
  now: Date,
): Promise<void> {
  const at = now.toISOString()
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('market_series')
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r, source, imported_at: at })))
      .onConflict((oc) =>
        oc.columns(['symbol', 'date']).doUpdateSet((eb) => ({
          close: eb.ref('excluded.close'),
          source: eb.ref('excluded.source'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute()
  }
}
