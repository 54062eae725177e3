import { parseArgs } from 'node:util'
import { z } from 'zod'
import { DEFAULT_CUSTOMERS, DEFAULT_SEED } from './seed.js'

const SeedFlags = z.object({
  customers: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1000, 'must be at least 1000')
    .max(5_000_000, 'must be at most 5000000')
    .default(DEFAULT_CUSTOMERS),
  seed: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(0xffffffff, 'must fit in 32 bits')
    .default(DEFAULT_SEED),
  now: z.iso
    .datetime({ offset: true, error: 'must be an ISO date-time such as 2026-11-23T09:00:00+08:00' })
    .transform((s) => new Date(s))
    .optional(),
  reset: z.boolean().default(false),
})

export type SeedFlags = z.infer<typeof SeedFlags>

export class FlagError extends Error {}

/** Parses `--customers N --seed N --now ISO --reset`; throws FlagError with one line naming the flag. */
export function parseSeedFlags(argv: string[]): SeedFlags {
  let values: Record<string, unknown>
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        customers: { type: 'string' },
        seed: { type: 'string' },
        now: { type: 'string' },
        reset: { type: 'boolean' },
      },
    }).values
  } catch (err) {
    throw new FlagError(
      `${(err instanceof Error ? err.message : String(err)).split('\n')[0]} (flags: --customers N, --seed N, --now ISO, --reset)`,
    )
  }
  const parsed = SeedFlags.safeParse(values)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0])
    throw new FlagError(`Invalid flag --${name} ${issue.message} (got "${String(values[name])}")`)
  }
  return parsed.data
}
