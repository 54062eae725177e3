const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/
const CDATA_OPEN = '<![CDATA['

function skipSpace(xml: string, i: number): number {
  while (i < xml.length && (xml[i] === ' ' || xml[i] === '\n' || xml[i] === '\r' || xml[i] === '\t')) i++
  return i
}

/**
 * WeCom's envelopes and messages as they always come: one `<xml>` holding flat child elements without
 * attributes, each a CDATA section or plain text. This reads exactly that shape in one pass over the
 * string — no DTD, no entities, no nesting, no repeated names — and returns undefined for anything else,
 * which then takes the full parser. Values come out as fast-xml-parser gives them: text trimmed, CDATA as is.
 */
export function parseFlatXml(xml: string): Record<string, string> | undefined {
  let i = skipSpace(xml, 0)
  if (!xml.startsWith('<xml>', i)) return undefined
  i += '<xml>'.length
  const fields: Record<string, string> = {}
  for (;;) {
    i = skipSpace(xml, i)
    if (xml.startsWith('</xml>', i)) return skipSpace(xml, i + '</xml>'.length) === xml.length ? fields : undefined
    if (xml[i] !== '<') return undefined
    const nameEnd = xml.indexOf('>', i)
    const name = nameEnd < 0 ? '' : xml.slice(i + 1, nameEnd)
    if (!ELEMENT_NAME.test(name) || Object.hasOwn(fields, name)) return undefined
    i = nameEnd + 1
    let value: string
    if (xml.startsWith(CDATA_OPEN, i)) {
      const end = xml.indexOf(']]>', i + CDATA_OPEN.length)
      if (end < 0) return undefined
      value = xml.slice(i + CDATA_OPEN.length, end)
      i = end + 3
    } else {
      const end = xml.indexOf('<', i)
      if (end < 0) return undefined
      value = xml.slice(i, end)
      // An entity or a stray `>` is for the full parser to judge.
      if (value.includes('&') || value.includes('>')) return undefined
      value = value.trim()
      i = end
    }
    const close = `</${name}>`
    if (!xml.startsWith(close, i)) return undefined
    i += close.length
    fields[name] = value
  }
}
