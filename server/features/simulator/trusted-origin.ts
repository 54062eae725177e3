const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])
const hostKey = (h: string) => (LOOPBACK.has(h) ? 'loopback' : h.toLowerCase())

/**
 * Whether `url` lies on the site of `base` (scheme + host, and port unless `ignorePort`).
 * Loopback names count as one host so a demo opened at 127.0.0.1 works with PUBLIC_BASE_URL=localhost.
 */
export function sameSite(url: string, base: string, opts: { ignorePort?: boolean } = {}): boolean {
  let u: URL
  let b: URL
  try {
    u = new URL(url)
    b = new URL(base)
  } catch {
    return false
  }
  if (u.protocol !== b.protocol || hostKey(u.hostname) !== hostKey(b.hostname)) return false
  return opts.ignorePort || u.port === b.port
}
