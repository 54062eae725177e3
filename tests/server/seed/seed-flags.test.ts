import { describe, expect, it } from 'vitest'
import { FlagError, parseSeedFlags } from '../../../server/features/seed/seed-flags.js'

describe('seed CLI flags', () => {
  it('when no flags are given, then the defaults apply', () => {
    expect(parseSeedFlags([])).toEqual({ customers: 20_000, seed: 20261123, reset: false })
  })

  it('when all flags are given, then they are parsed', () => {
    expect(
      parseSeedFlags(['--customers', '1000000', '--seed', '7', '--now', '2026-11-23T10:00:00+08:00', '--reset']),
    ).toEqual({
      customers: 1_000_000,
      seed: 7,
      reset: true,
      now: new Date('2026-11-23T02:00:00.000Z'),
    })
  })

  it.each([
    [['--customers', '20k'], 'Invalid flag --customers must be a whole number (got "20k")'],
    [['--customers', '10'], 'Invalid flag --customers must be at least 1000 (got "10")'],
    [['--seed=-1'], 'Invalid flag --seed must be 0 or more (got "-1")'],
    [
      ['--now', 'yesterday'],
      'Invalid flag --now must be an ISO date-time such as 2026-11-23T09:00:00+08:00 (got "yesterday")',
    ],
  ])('when the flags are %j, then one line names the bad flag', (argv, message) => {
    expect(() => parseSeedFlags(argv)).toThrow(new FlagError(message))
  })

  it('when an unknown flag is given, then one line lists the known ones', () => {
    expect(() => parseSeedFlags(['--bogus'])).toThrow(
      /^Unknown option '--bogus'.*--customers N, --seed N, --now ISO, --reset\)$/,
    )
  })

  it('when a flag lacks its value, then the message stays on one line', () => {
    expect(() => parseSeedFlags(['--seed', '-1'])).toThrow(/^Option '--seed' argument is ambiguous\.[^\n]*\(flags: /)
  })
})
