import { E } from './cgi-kit.js'

/** Opaque cursor over an offset, like WeCom's next_cursor strings. */
export const encodeCursor = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url')

/** The offset a cursor stands for; an empty cursor starts at 0, a forged one is 40058. */
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!m) throw E.invalidParam('cursor')
  return Number(m[1])
}

/** One page of an in-memory list plus WeCom's `next_cursor` ('' on the last page). */
export function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; next_cursor: string } {
  const offset = decodeCursor(cursor)
  return {
    items: items.slice(offset, offset + limit),
    next_cursor: offset + limit < items.length ? encodeCursor(offset + limit) : '',
  }
}
