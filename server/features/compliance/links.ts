import type { ComplianceFinding, ComplianceInput } from './types.js'

const URL_IN_TEXT = /https?:\/\/[^\s"'<>，。；）)]+/gi

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => host === a || host.endsWith(`.${a}`))
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.hostname.toLowerCase() : null
  } catch {
    return null
  }
}

/** Links given apart and links written into the texts must point at allow-listed hosts (or be relative). */
export function linkFindings(input: ComplianceInput, allowed: readonly string[]): ComplianceFinding[] {
  const candidates: { field: string; url: string }[] = (input.links ?? []).map((url) => ({ field: 'link', url }))
  for (const [field, text] of Object.entries(input.fields)) {
    for (const m of text.matchAll(URL_IN_TEXT)) candidates.push({ field, url: m[0] })
  }
  const out: ComplianceFinding[] = []
  for (const { field, url } of candidates) {
    if (url.startsWith('/') && !url.startsWith('//')) continue
    const host = hostOf(url)
    if (host && hostAllowed(host, allowed)) continue
    out.push({
      code: 'LINK_NOT_ALLOWED',
      severity: 'block',
      field,
      category: 'link',
      message: host ? `链接域名 ${host} 不在白名单内` : '链接格式不正确',
      excerpt: url.slice(0, 80),
    })
  }
  return out
}
