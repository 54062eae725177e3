/** A small seeded PRNG (sfc32) so the demo bank is reproducible; Math.random would not be. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks a key of `weights` with probability proportional to its value. */
  weighted<K extends string | number>(weights: readonly (readonly [K, number])[]): K
  /** Standard normal (Box–Muller). */
  normal(): number
}

/** FNV-1a, used to turn a label into an independent stream id. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * One stream per (seed, label): each generator draws from its own stream, so adding a draw in one
 * part of the seed does not shift the data of every other part.
 */
export function createRng(seed: number, label: string): Rng {
  let a = seed >>> 0
  let b = hashLabel(label)
  let c = 0x9e3779b9
  let d = 1
  const raw = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 15; i++) raw()

  const rng: Rng = {
    next: raw,
    int: (min, max) => min + Math.floor(raw() * (max - min + 1)),
    chance: (p) => raw() < p,
    pick: (items) => items[Math.floor(raw() * items.length)]!,
    weighted(weights) {
      let total = 0
      for (const [, w] of weights) total += w
      let r = raw() * total
      for (const [key, w] of weights) {
        r -= w
        if (r < 0) return key
      }
      return weights[weights.length - 1]![0]
    },
    normal() {
      const u = 1 - raw()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * raw())
    },
  }
  return rng
}
