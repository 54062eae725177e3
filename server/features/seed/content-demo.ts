import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../../db/connect.js'
import type { Database } from '../../db/database.js'
import { seedContentActivity } from './content-activity.js'
import { insertSeedItems } from './content-library.js'
import { seedMarketSeries } from './market-series.js'
import type { Org } from './org.js'
import { createRng } from './prng.js'

/** Removes what `seedContentDemo` wrote; runs before the seeded tables are reset (purchases reference customers). */
export async function clearContentDemo(trx: Kysely<Database>, dialect: DialectName): Promise<void> {
  await trx.deleteFrom('content_sends').execute()
  await trx.deleteFrom('content_items').execute()
  await trx.deleteFrom('purchases').where('purchase_no', 'like', 'DEMO-CT-%').execute()
  // Item ids appear in seeded events; restart them so a reseed matches a fresh seed.
  if (dialect === 'postgres')
    await sql`select setval(pg_get_serial_sequence('content_items', 'id'), 1, false)`.execute(trx)
  else await sql`delete from sqlite_sequence where name = 'content_items'`.execute(trx)
}

/**
 * The demo's content library: three years of synthetic market series, an approved library (plus one
 * item in review, one rejected, one expiring), and 60 days of sends with opens, inquiries and purchases.
 */
export async function seedContentDemo(
  trx: Kysely<Database>,
  dialect: DialectName,
  seed: number,
  org: Org,
  now: Date,
): Promise<void> {
  await clearContentDemo(trx, dialect)
  await seedMarketSeries(trx, createRng(seed, 'market'), now)
  const head = org.staff.filter(
    (s) => s.role === 'middle' && org.branches.find((b) => b.id === s.branch_id)?.level === 'head',
  )
  const author = head.find((s) => s.title === '中台内容专员')
  const researcher = head.find((s) => s.title === '投研分析岗') ?? author
  const reviewer = head.find((s) => s.title === '合规审核岗')
  if (!author || !researcher || !reviewer) return
  await trx.updateTable('staff').set({ reviewer: 1 }).where('title', '=', '合规审核岗').execute()
  const ids = await insertSeedItems(trx, author, researcher, reviewer, now)
  await seedContentActivity(trx, createRng(seed, 'content-sends'), ids, now)
}
