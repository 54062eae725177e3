/** Items grouped by key, in input order (Map.groupBy arrived in Node 21; this runs on 20). Linear: no array copies per item. */
export function groupBy<T, K, V = T>(items: Iterable<T>, key: (item: T) => K, value?: (item: T) => V): Map<K, V[]> {
  const out = new Map<K, V[]>()
  for (const item of items) {
    const k = key(item)
    const v = (value ? value(item) : item) as V
    const list = out.get(k)
    if (list) list.push(v)
    else out.set(k, [v])
  }
  return out
}

/** `items` in consecutive slices of at most `size` (IN lists and multi-row inserts stay under the databases' parameter limits). */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
