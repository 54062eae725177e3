import { Converter } from 'opencc-js'

/**
 * Text as the matcher sees it, with where each character came from: `start[i]`/`end[i]` are the
 * UTF-16 offsets in the original text of normalised character `i`, so a finding can point at the
 * span the author actually wrote (穩 賺 不 賠 → 稳赚不赔, reported over the spaced original).
 */
export interface Normalized {
  text: string
  start: number[]
  end: number[]
}

const toSimplified = Converter({ from: 't', to: 'cn' })
const toSimplifiedHk = Converter({ from: 'hk', to: 'cn' })

// Latin look-alikes from Cyrillic and Greek that survive NFKC (a Cyrillic о in "nо risk", Greek Ο in "1ΟΟ%").
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  〇: '0',
  '﹪': '%',
  '٪': '%',
}
const INVISIBLE = /[\s\p{Cf}]/u
// Marks people put between the characters of a word to slip past a filter; dropped only between Han characters.
const SEPARATOR = /[-‐‑‒–—―_·•・.*/\\|~^+=#`'"“”‘’、…]/u
const HAN = /\p{Script=Han}/u

interface Piece {
  ch: string
  start: number
  end: number
}

function nfkcPieces(text: string): Piece[] {
  const out: Piece[] = []
  let offset = 0
  for (const cp of text) {
    const end = offset + cp.length
    for (const ch of cp.normalize('NFKC')) out.push({ ch, start: offset, end })
    offset = end
  }
  return out
}

// OpenCC converts phrase by phrase; when a phrase changes length the 1:1 offsets would drift, so fall back to per character.
function simplify(pieces: Piece[]): void {
  const joined = pieces.map((p) => p.ch).join('')
  const whole = toSimplifiedHk(toSimplified(joined))
  if (whole.length === joined.length && [...whole].length === pieces.length) {
    ;[...whole].forEach((ch, i) => (pieces[i]!.ch = ch))
    return
  }
  for (const p of pieces) {
    const one = toSimplifiedHk(toSimplified(p.ch))
    if ([...one].length === 1) p.ch = one
  }
}

function nextVisible(pieces: Piece[], from: number): Piece | undefined {
  for (let i = from; i < pieces.length; i++) {
    const ch = pieces[i]!.ch
    if (!INVISIBLE.test(ch) && !SEPARATOR.test(ch)) return pieces[i]
  }
  return undefined
}

/** NFKC, traditional → simplified, case folding, homoglyphs; drops whitespace, invisibles and separators inside Han runs. */
export function normalize(original: string): Normalized {
  const pieces = nfkcPieces(original)
  simplify(pieces)
  const out: Normalized = { text: '', start: [], end: [] }
  let previous = ''
  pieces.forEach((p, i) => {
    const lower = p.ch.toLowerCase()
    const ch = HOMOGLYPHS[lower] ?? lower
    if (INVISIBLE.test(ch)) return
    if (SEPARATOR.test(ch) && HAN.test(previous) && HAN.test(nextVisible(pieces, i + 1)?.ch ?? '')) return
    for (const c of ch) {
      out.text += c
      out.start.push(p.start)
      out.end.push(p.end)
    }
    previous = ch
  })
  return out
}

/** The original span behind normalised characters [from, to). */
export function originalSpan(n: Normalized, from: number, to: number): { start: number; end: number } {
  return { start: n.start[from] ?? 0, end: n.end[to - 1] ?? n.start[from] ?? 0 }
}
