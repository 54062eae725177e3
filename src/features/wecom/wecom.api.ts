import type { JsSignatures } from '@contracts/wecom'

/**
 * `fetch`, not the shared axios client: the JS-SDK registration runs in the sidebar's boot chunk, before
 * axios has downloaded (src/sidebar/sidebar-boot.ts). Any failure ends as the same WecomError either way.
 */
export async function fetchJsSignatures(url: string): Promise<JsSignatures> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), 15_000)
  try {
    // The custom header is the server's CSRF check (see server/lib/csrf.ts).
    const res = await fetch('/api/wecom/js-signatures', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'X-Advisor-Request': '1' },
      body: JSON.stringify({ url }),
      signal: abort.signal,
    })
    if (!res.ok) throw new Error(`js-signatures: HTTP ${res.status}`)
    return (await res.json()) as JsSignatures
  } finally {
    clearTimeout(timer)
  }
}
