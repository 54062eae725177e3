import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { beijingDate } from '../../lib/time.js'
import { parseMarketCsv } from './market-csv.js'
import { upsertPoints } from './market-series.repository.js'

/** All-or-nothing CSV import: any bad row → 422 CSV_INVALID listing each row's problem, nothing written. */
export async function importMarketCsv(ctx: AppContext, csv: string): Promise<{ imported: number; symbols: string[] }> {
  const now = ctx.now()
  const { points, errors } = parseMarketCsv(csv, beijingDate(now.toISOString()))
  if (errors.length)
    throw new AppError('CSV_INVALID', 422, `CSV 有 ${errors.length} 处错误，未导入任何数据`, { errors })
  await ctx.db.kysely.transaction().execute((trx) => upsertPoints(trx, points, 'csv', now))
  return { imported: points.length, symbols: [...new Set(points.map((p) => p.symbol))].sort() }
}
