import type { UncheckedJson } from '../support/test-app.js'

/** fetch with a small cookie jar that keeps every cookie (the shared test client keeps only one). */
export function browser(baseUrl: string) {
  const jar = new Map<string, string>()
  return {
    jar,
    async request(method: string, path: string, opts: { body?: string; headers?: Record<string, string> } = {}) {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
      const res = await fetch(baseUrl + path, {
        method,
        redirect: 'manual',
        headers: { 'x-advisor-request': '1', ...(cookie ? { cookie } : {}), ...opts.headers },
        body: opts.body,
      })
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';')
        const [name, ...rest] = pair!.split('=')
        const value = rest.join('=')
        const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a))
        if (expired || value === '') jar.delete(name!.trim())
        else jar.set(name!.trim(), value)
      }
      const text = await res.text()
      let json: UncheckedJson
      try {
        json = text ? JSON.parse(text) : undefined
      } catch {
        json = undefined
      }
      return { status: res.status, headers: res.headers, text, json }
    },
  }
}
