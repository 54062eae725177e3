import { MOBILE_PREFIXES } from './geography.js'
import type { Rng } from './prng.js'

/**
 * Mobile numbers unique by construction: the last 8 digits are an affine permutation of the person's
 * index (the multiplier is coprime to 10^8), so no set of issued numbers has to be kept in memory.
 */
export function createPhoneBook(rng: Rng): (index: number) => string {
  let multiplier = rng.int(1_000_000, 4_000_000) | 1
  if (multiplier % 5 === 0) multiplier += 2
  const offset = rng.int(0, 99_999_999)
  const prefixShift = rng.int(0, MOBILE_PREFIXES.length - 1)
  return (index) => {
    const suffix = (multiplier * index + offset) % 100_000_000
    const prefix = MOBILE_PREFIXES[(Math.floor(suffix / 7) + prefixShift) % MOBILE_PREFIXES.length]!
    return prefix + String(suffix).padStart(8, '0')
  }
}
