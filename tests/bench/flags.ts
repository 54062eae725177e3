import { parseArgs } from 'node:util'
import { z } from 'zod'

/** The bank scale is the default; every figure can be lowered for a quicker run. */
const Flags = z.object({
  customers: z.coerce.number().int().min(1000).default(1_000_000),
  relations: z.coerce.number().int().min(0).default(2_000_000),
  events: z.coerce.number().int().min(0).default(10_000_000),
  qa: z.coerce.number().int().min(0).default(5_000),
  content: z.coerce.number().int().min(0).default(2_000),
  sends: z.coerce.number().int().min(0).default(200_000),
  /** Seconds per load measurement. */
  duration: z.coerce.number().int().min(1).max(120).default(10),
  connections: z.coerce.number().int().min(1).max(200).default(10),
  /** The run stops by itself after this long (the 20 minutes, with room for a slow seed). */
  maxMinutes: z.coerce.number().int().min(1).max(180).default(40),
  /** App instances over one database behind a round-robin proxy, measured after the single-instance figures. */
  instances: z.coerce.number().int().min(1).max(8).default(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'silent']).default('warn'),
  /** Reuse a SQLite file seeded by an earlier run with the same scale (the seed time is then not measured). */
  reuse: z.boolean().default(false),
  skipFrontEnd: z.boolean().default(false),
  /** PostgreSQL only (with BENCH_DATABASE_URL): a full-scale run of both does not fit the run's time limit. */
  skipSqlite: z.boolean().default(false),
  /** Where latest.md / latest.json go (CI's smoke run writes to a temp dir, not over the committed report). */
  results: z.string().min(1).optional(),
})
export type BenchFlags = z.infer<typeof Flags>

const NUMBER_FLAGS = [
  'customers',
  'relations',
  'events',
  'qa',
  'content',
  'sends',
  'duration',
  'connections',
  'instances',
] as const

export function parseBenchFlags(argv: string[]): BenchFlags {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(NUMBER_FLAGS.map((n) => [n, { type: 'string' as const }])),
      'log-level': { type: 'string' },
      'max-minutes': { type: 'string' },
      reuse: { type: 'boolean' },
      'skip-front-end': { type: 'boolean' },
      'skip-sqlite': { type: 'boolean' },
      results: { type: 'string' },
    },
  })
  return Flags.parse({
    ...values,
    logLevel: values['log-level'],
    maxMinutes: values['max-minutes'],
    skipFrontEnd: values['skip-front-end'],
    skipSqlite: values['skip-sqlite'],
  })
}
