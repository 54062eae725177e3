const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

/**
 * Just enough Markdown for the user guides in docs/guide/ (headings, paragraphs, lists, images, links,
 * **bold**, `code`, tables, blockquotes): the guides are ours, so no general-purpose parser is pulled in.
 */
export function renderGuide(markdown: string): string {
  const out: string[] = []
  let list: 'ul' | 'ol' | null = null
  let table: string[][] = []
  const closeList = () => {
    if (list) out.push(`</${list}>`)
    list = null
  }
  const flushTable = () => {
    if (!table.length) return
    const [head, ...rows] = table.filter((r) => !r.every((c) => /^:?-+:?$/.test(c)))
    out.push(`<table><thead><tr>${head!.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>`)
    for (const r of rows) out.push(`<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`)
    out.push('</tbody></table>')
    table = []
  }
  for (const raw of markdown.split('\n')) {
    const line = raw.trimEnd()
    if (line.startsWith('|')) {
      closeList()
      table.push(
        line
          .slice(1, line.endsWith('|') ? -1 : undefined)
          .split('|')
          .map((c) => c.trim()),
      )
      continue
    }
    flushTable()
    const heading = /^(#{1,4})\s+(.*)$/.exec(line)
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line)
    const numbered = /^\s*\d+\.\s+(.*)$/.exec(line)
    if (heading) {
      closeList()
      const level = heading[1]!.length
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`)
    } else if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol'
      if (list !== kind) {
        closeList()
        out.push(`<${kind}>`)
        list = kind
      }
      out.push(`<li>${inline((bullet ?? numbered)![1]!)}</li>`)
    } else if (line.startsWith('>')) {
      closeList()
      out.push(`<blockquote>${inline(line.replace(/^>\s?/, ''))}</blockquote>`)
    } else if (line.trim() === '') {
      closeList()
    } else {
      closeList()
      out.push(`<p>${inline(line)}</p>`)
    }
  }
  closeList()
  flushTable()
  return out.join('\n')
}

function inline(text: string): string {
  return esc(text)
    .replace(
      /!\[([^\]]*)\]\(([^)\s]+)\)/g,
      (_m, alt: string, src: string) => `<img src="${src}" alt="${alt}" loading="lazy">`,
    )
    .replace(
      /\[([^\]]+)\]\(([^)\s]+)\)/g,
      (_m, label: string, href: string) => `<a href="${href.replace(/^\.\//, '').replace(/\.md$/, '')}">${label}</a>`,
    )
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
}
