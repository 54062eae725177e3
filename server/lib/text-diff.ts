/** One run of a character diff: kept, added or removed text. */
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

// Above this many LCS cells (about 2000 × 2000 characters) the middle is stored as one replacement.
const MAX_CELLS = 4_000_000

function push(ops: DiffOp[], op: DiffOp['op'], text: string): void {
  if (!text) return
  const last = ops[ops.length - 1]
  if (last?.op === op) last.text += text
  else ops.push({ op, text })
}

function lcsDiff(a: string[], b: string[], ops: DiffOp[]): void {
  const n = a.length
  const m = b.length
  if (n * m > MAX_CELLS) {
    push(ops, 'delete', a.join(''))
    push(ops, 'insert', b.join(''))
    return
  }
  // lengths[i][j] = LCS length of a[i..] and b[j..], flattened row-major.
  const lengths = new Uint32Array((n + 1) * (m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!)
    }
  }
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push(ops, 'equal', a[i]!)
      i++
      j++
    } else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) push(ops, 'delete', a[i++]!)
    else push(ops, 'insert', b[j++]!)
  }
  push(ops, 'delete', a.slice(i).join(''))
  push(ops, 'insert', b.slice(j).join(''))
}

/** Character-level diff (by code point, so CJK and emoji stay whole) from `before` to `after`. */
export function diffText(before: string, after: string): DiffOp[] {
  const a = [...before]
  const b = [...after]
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  const ops: DiffOp[] = []
  push(ops, 'equal', a.slice(0, start).join(''))
  lcsDiff(a.slice(start, a.length - end), b.slice(start, b.length - end), ops)
  push(ops, 'equal', a.slice(a.length - end).join(''))
  return ops
}
