import { z } from 'zod'

/**
 * Authored text is plain text: it reaches customers as WeCom messages and pages that show it as text, never as
 * HTML. On write we make that explicit, so nothing stored looks like markup to a later reader (an export, a
 * WeCom card, a future screen): `toPlainText` removes tags, and the routes apply it through `withPlainText`.
 * See docs/security.md.
 */

// C0 controls except \t and \n, DEL, C1 controls; and the bidi embeddings, overrides and isolates, which make
// text display in another order than it is stored (a reviewer would approve something else than is sent).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g
// A tag: `<name` or `</name` (ASCII letters, digits, `-`, `:`) followed by a space, `/` or `>`; or `<!…>`, `<?…>`.
const TAG_START = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)(?=[\s/>])|^<[!?]/
// Elements whose content is code, never text: it goes with the tags.
const RAW_TEXT = new Set(['script', 'style'])
// Tags that end a line or a block: a newline keeps pasted paragraphs apart.
const LINE_BREAKS = /^(br|p|div|li|tr|h[1-6])$/
// Whatever still reads as the start of markup after stripping (e.g. `<<b>a` → `<a`, or an unclosed `<a href`).
const MARKUP_START = /<(?=[A-Za-z/!?])/g

/**
 * For every position and quote state, where the tag scanned from there would end (the index of its `>`), or -1.
 * A quote opens an attribute value only right after `=` (as in HTML), so `<img alt=it's>` ends at its `>`, and
 * `<img alt="a>b" onerror=…>` at the last one. Built in one pass each way, so finding the end of every tag
 * stays linear however many unclosed tags and quotes an attacker nests.
 */
function tagEnds(s: string): (afterLt: number) => number {
  const n = s.length
  const opensValue = new Uint8Array(n)
  let previous = ''
  for (let p = 0; p < n; p++) {
    const c = s[p]!
    if ((c === '"' || c === "'") && previous === '=') opensValue[p] = 1
    if (!/\s/.test(c)) previous = c
  }
  const bare = new Int32Array(n + 1).fill(-1)
  const inDouble = new Int32Array(n + 1).fill(-1)
  const inSingle = new Int32Array(n + 1).fill(-1)
  for (let p = n - 1; p >= 0; p--) {
    const c = s[p]
    const opens = opensValue[p] === 1
    bare[p] =
      c === '>' ? p : opens && c === '"' ? inDouble[p + 1]! : opens && c === "'" ? inSingle[p + 1]! : bare[p + 1]!
    inDouble[p] = c === '"' ? bare[p + 1]! : inDouble[p + 1]!
    inSingle[p] = c === "'" ? bare[p + 1]! : inSingle[p + 1]!
  }
  return (afterLt) => bare[afterLt]!
}

/** Removes comments and tags (script and style with their content) from text without control characters. */
function stripTags(s: string): string {
  const endOf = tagEnds(s)
  let out = ''
  let i = 0
  let commentsClosed = true
  while (i < s.length) {
    const lt = s.indexOf('<', i)
    if (lt < 0) break
    out += s.slice(i, lt)
    i = lt + 1
    if (commentsClosed && s.startsWith('<!--', lt)) {
      const close = s.indexOf('-->', lt + 4)
      if (close >= 0) {
        i = close + 3
        continue
      }
      commentsClosed = false // no comment closes after this one either: stop looking
    }
    const tag = TAG_START.exec(s.slice(lt, lt + 64))
    const end = tag ? endOf(lt + 1) : -1
    if (end < 0) {
      out += '<'
      continue
    } // not a tag: left as text, neutralised below
    i = end + 1
    const name = tag![2]?.toLowerCase()
    if (!name) continue
    const closing = tag![1] === '/'
    if (!closing && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}[\\s/>]`, 'gi')
      close.lastIndex = i
      const found = close.exec(s)
      const closeEnd = found ? endOf(found.index + 1) : -1
      i = closeEnd < 0 ? s.length : closeEnd + 1
    } else if (LINE_BREAKS.test(name) && (closing || name === 'br')) out += '\n'
  }
  return out + s.slice(i)
}

/**
 * Plain text from submitted text: `\r\n` and `\r` become `\n`; control characters (except `\n`, `\t`) and bidi
 * controls go; comments and tags go entirely (with their attributes, so no event handler survives), `<script>`
 * and `<style>` with their content; a `<` that would still start markup becomes the full-width `＜`. Nothing is
 * decoded: `&lt;b&gt;` stays those characters. Idempotent, and linear in the length of the text.
 */
export function toPlainText(text: string): string {
  const s = text.replace(/\r\n?/g, '\n').replace(CONTROLS, '')
  return (s.includes('<') ? stripTags(s) : s).replace(MARKUP_START, '＜')
}

export const PLAIN_TEXT_EMPTY = '只有 HTML 标签或控制字符，去掉后没有文字了；请直接输入纯文字'

/** Something was typed, and nothing readable is left once it is plain text. */
export const strippedToNothing = (raw: string, plain: string) => raw.trim() !== '' && plain.trim() === ''

/**
 * `schema` applied to the plain text of its input: a string, or each string of an array, is passed through
 * `toPlainText` first, so the schema's own checks (length, required) judge what will be stored. Text that had
 * something and has nothing left fails with `PLAIN_TEXT_EMPTY`. The JSON Schema of the result is `schema`'s.
 */
export function plainText<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    const clean = (v: unknown) => {
      if (typeof v !== 'string') return v
      const plain = toPlainText(v)
      if (strippedToNothing(v, plain)) ctx.addIssue({ code: 'custom', message: PLAIN_TEXT_EMPTY, input: v })
      return plain
    }
    return Array.isArray(value) ? value.map(clean) : clean(value)
  }, schema)
}

/** An object schema whose named free-text fields are `plainText`; refinements and every other field stay. */
export function withPlainText<T extends z.ZodObject>(schema: T, fields: ReadonlyArray<keyof T['shape'] & string>): T {
  const shape = Object.fromEntries(fields.map((f) => [f, plainText(schema.shape[f] as z.ZodType)]))
  return schema.safeExtend(shape as never) as unknown as T
}
