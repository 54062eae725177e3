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

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.startsWith('[')

/**
 * WeCom's rule for the app's trusted domain (可信域名): a whole domain, no port, no IP (else 80001).
 * Without one set on the simulator, PUBLIC_BASE_URL's host is the domain; a loopback demo may keep its port.
 */
export function trustedDomainProblem(publicBaseUrl: string, trustedDomain?: string): string | undefined {
  const host = trustedDomain?.toLowerCase() ?? new URL(publicBaseUrl).host
  const { hostname, port } = new URL(`http://${host}`)
  if (trustedDomain === undefined && LOOPBACK.has(hostname)) return undefined
  if (port) return `可信域名 ${host} 带端口`
  if (isIp(hostname)) return `可信域名 ${host} 是 IP`
  return undefined
}

/** Whether a page or redirect URL lies on the trusted domain: the set domain exactly, else PUBLIC_BASE_URL's site. */
export function onTrustedDomain(url: string, publicBaseUrl: string, trustedDomain?: string, ignorePort = false) {
  if (trustedDomain === undefined) return sameSite(url, publicBaseUrl, { ignorePort })
  try {
    return new URL(url).host === trustedDomain.toLowerCase()
  } catch {
    return false
  }
}
