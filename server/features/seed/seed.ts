import { sql, type Kysely } from 'kysely'
import type { Db, DialectName } from '../../db/connect.js'
import type { Database } from '../../db/database.js'
import type { Pii } from '../../lib/pii.js'
import { sealCustomerPii } from '../crm/index.js'
import { corpTagCatalogueRows } from './corp-tags.js'
import { customerRelation, type CustomerRelationContext } from './customer-relations.js'
import { createCustomerFactory } from './customers.js'
import { burstAdds, nonCustomerRelation, sharedAdds, swappedAdds, type ExtrasContext } from './extras.js'
import { BRANCHES } from './geography.js'
import { seedGroups } from './groups.js'
import {
  createEventFold,
  refreshDashboardRollups,
  refreshRollups,
  withRollupTriggersSuspended,
} from '../process/index.js'
import { bulkInsertRows } from './insert.js'
import { withIndexesAndForeignKeysDeferred } from './bulk-load.repository.js'
import { buildOrg } from './org.js'
import { createPhoneBook } from './phones.js'
import { createRng } from './prng.js'
import { seedRepliesDemo } from './replies-demo.js'
import { seedContentDemo } from './content-demo.js'
import { SEEDED_TABLES, type SeededTable } from './reset.js'
import type { CustomerRow, HoldingRow, Row } from './rows.js'
import { emptyWecomRows, type WecomRows } from './wecom-rows.js'

export const DEFAULT_SEED = 20261123
export const DEFAULT_CUSTOMERS = 20_000

export type SeedPhase = 'rows' | 'indexes' | 'demo sections' | 'event rollups' | 'verdicts and coverage'

/** Rows written per seeded table. */
export type SeedSummary = Record<SeededTable, number>

export interface SeedOptions {
  /** Every date in the demo bank is relative to this moment. */
  now: Date
  /** Seals customer phone and ID numbers as the CRM import does. */
  pii: Pii
  seed?: number
  customers?: number
  onProgress?: (done: number, total: number) => void
  /** Called as each phase ends (the bench reports where the seed's time goes). */
  onPhaseDone?: (phase: SeedPhase) => void
  /**
   * false: only WeCom's side of the relations (the simulator's world) is written and `wecom_contacts` stays
   * empty, as on the first day on a real corp; the relation import fills it through WeCom's API.
   */
  wecomContacts?: boolean
  /**
   * `suspended` (default): the rollup triggers are off while the rows go in and everything is marked once
   * after; `per-row`: every insert marks as any other write does (the reference the tests compare against).
   */
  rollupMarks?: 'suspended' | 'per-row'
}

/** Customers generated and written per round; bounds memory at a million customers. */
const CHUNK = 5_000
/** Customers generated between two looks at the event loop, so the previous chunk's statements go out meanwhile. */
const YIELD_EVERY = 250
/** The tables the customer chunks fill: their secondary indexes are built once, after the load. */
const BULK_LOADED_TABLES = [
  'customers',
  'holdings',
  'sim_people',
  'sim_follows',
  'wecom_contacts',
  'bindings',
  'events',
]
/** Live, unverified, owned contacts per active manager, so every demo login has someone to verify. */
const GUARANTEED_PER_STAFF = 6
/** Non-customer relations per customer relation: about a fifth of all relations. */
const NON_CUSTOMER_RATIO = 0.25

/** True once the demo bank (or any organisation) is in the database. */
export async function isSeeded(db: Db): Promise<boolean> {
  return (await db.kysely.selectFrom('branches').select('id').limit(1).executeTakeFirst()) !== undefined
}

/**
 * Fills an empty database with a deterministic demo bank: same seed and `now` give byte-identical
 * tables. Everything is written in one transaction, so a crash never leaves a half-seeded bank.
 */
export async function seedDemoBank(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  const seed = opts.seed ?? DEFAULT_SEED
  const total = opts.customers ?? DEFAULT_CUSTOMERS
  const { now } = opts
  const org = buildOrg(createRng(seed, 'org'), total)
  const phoneFor = createPhoneBook(createRng(seed, 'phones'))
  const makeCustomer = createCustomerFactory(seed, org, now, phoneFor)
  const relations: CustomerRelationContext = {
    rng: createRng(seed, 'wecom'),
    now,
    org,
    staffById: new Map(org.staff.map((s) => [s.id, s])),
    shared: { bound: [], unbound: [] },
    sharedChance: Math.min(1, 120 / Math.max(1, total * 0.15)),
  }
  let nextPersonIndex = total
  const extras: ExtrasContext = {
    rng: createRng(seed, 'extras'),
    now,
    org,
    branchProvince: new Map(BRANCHES.map((b) => [b.id, b.province])),
    nextPhone: () => phoneFor(nextPersonIndex++),
  }
  const summary = Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0])) as SeedSummary
  const guaranteed = org.activeFront.length * GUARANTEED_PER_STAFF
  const phaseDone = (phase: SeedPhase) => opts.onPhaseDone?.(phase)

  await db.kysely.transaction().execute(async (trx) => {
    // A million-customer load builds indexes over a million rows in one statement: beyond any request's timeout.
    if (db.dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(trx)
    const fold = createEventFold()
    const write = writer(trx, db.dialect, summary, opts.wecomContacts ?? true, fold)
    await write.table('branches', org.branches)
    await write.table('staff', org.staff)
    await write.table('corp_tags', corpTagCatalogueRows(now))
    const load = async () => {
      let customerRelations = 0
      // The rows of one chunk go in while the next chunk is generated: on PostgreSQL the server's work and the
      // generator's overlap, each on its own core.
      let writing: Promise<void> = Promise.resolve()
      for (let start = 0; start < total; start += CHUNK) {
        const end = Math.min(total, start + CHUNK)
        const customers: CustomerRow[] = []
        const holdings: HoldingRow[] = []
        const wecom = emptyWecomRows()
        for (let i = start; i < end; i++) {
          if (i % YIELD_EVERY === 0) await yieldToWrites()
          const forcedOwner = i < guaranteed ? org.activeFront[i % org.activeFront.length] : undefined
          const made = makeCustomer(i, forcedOwner)
          const { phone, id_no, ...rest } = made.customer
          customers.push({ ...rest, ...sealCustomerPii(opts.pii, rest.cif_no, phone, id_no) })
          for (const h of made.holdings) holdings.push(h)
          customerRelation(relations, wecom, made, forcedOwner !== undefined)
        }
        customerRelations += wecom.follows.length
        await writing
        writing = (async () => {
          await write.table('customers', customers)
          await write.table('holdings', holdings)
          await write.wecom(wecom)
          opts.onProgress?.(end, total)
        })()
        // Awaited before the next chunk's write; until then a failure must not count as unhandled.
        writing.catch(() => {})
      }
      await writing

      const patterns = emptyWecomRows()
      sharedAdds(extras, patterns, [...relations.shared.bound, ...relations.shared.unbound])
      swappedAdds(extras, patterns)
      burstAdds(extras, patterns)
      await write.wecom(patterns)
      for (let left = Math.round(customerRelations * NON_CUSTOMER_RATIO); left > 0; left -= CHUNK) {
        const strangers = emptyWecomRows()
        for (let i = 0; i < Math.min(left, CHUNK); i++) nonCustomerRelation(extras, strangers)
        await write.wecom(strangers)
      }
      phaseDone('rows')
    }
    const bulkLoad = () => withIndexesAndForeignKeysDeferred(trx, db.dialect, BULK_LOADED_TABLES, load)
    if (opts.rollupMarks === 'per-row') await bulkLoad()
    else await withRollupTriggersSuspended(trx, db.dialect, bulkLoad)
    phaseDone('indexes')
    await seedGroups(trx, createRng(seed, 'groups'), org, now)
    await seedRepliesDemo(trx, org, now)
    await seedContentDemo(trx, db.dialect, seed, org, now)
    phaseDone('demo sections')
    // The demo's dashboard opens on up-to-date rollups of every seeded event, verdict and owner: the bulk-loaded
    // events were folded as they were written; the few the demo sections wrote are folded by the refresh.
    await fold.write(trx)
    await refreshRollups(trx)
    phaseDone('event rollups')
    await refreshDashboardRollups(trx)
    phaseDone('verdicts and coverage')
  })
  return summary
}

const yieldToWrites = () => new Promise<void>((resolve) => setImmediate(resolve))

function writer(
  trx: Kysely<Database>,
  dialect: DialectName,
  summary: SeedSummary,
  contacts: boolean,
  fold: ReturnType<typeof createEventFold>,
) {
  const table = async <T extends SeededTable>(name: T, rows: readonly Row<T>[]) => {
    await bulkInsertRows(trx, dialect, name, rows)
    summary[name] += rows.length
  }
  return {
    table,
    async wecom(rows: WecomRows) {
      await table('sim_people', rows.people)
      await table('sim_follows', rows.follows)
      if (contacts) {
        await table('wecom_contacts', rows.contacts)
        // The app's copy of each relation's tags (the relation import reads relations, not their tags).
        await table('contact_tags', rows.contactTags)
      }
      await table('bindings', rows.bindings)
      fold.add(rows.events)
      await table(
        'events',
        rows.events.map((e) => ({ ...e, rolled_up: 1 })),
      )
    },
  }
}
