import type { FetchedJson } from '@/shared/http'

// No Vue and no axios here: the sidebar's boot chunk imports this, and runs before either has downloaded.
const prefetched = new Map<string, Promise<FetchedJson>>()

/**
 * Starts fetching a contact's profile now (the sidebar's boot, as soon as the JS-SDK names the contact):
 * the same request as `fetchContactProfile`, with `fetch`, and the body read as soon as it arrives, so
 * the panel can render it in the same task that mounts it. `useContactProfile` takes the answer.
 */
export function prefetchContactProfile(externalUserId: string): void {
  if (prefetched.has(externalUserId)) return
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), 15_000)
  // The custom header is the server's CSRF check (see server/lib/csrf.ts).
  const request = fetch(`/api/contacts/${encodeURIComponent(externalUserId)}`, {
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'X-Advisor-Request': '1' },
    signal: abort.signal,
  })
    .then(async (res): Promise<FetchedJson> => ({
      ok: res.ok,
      status: res.status,
      data: await res.json().catch(() => undefined),
    }))
    .finally(() => clearTimeout(timer))
  prefetched.set(externalUserId, request)
  request.then(
    (answer) => {
      if (prefetched.get(externalUserId) === request) answered.set(externalUserId, answer)
    },
    () => {
      /* the taker handles a failure */
    },
  )
}

// Answers already in, so the panel can show them in its first render.
const answered = new Map<string, FetchedJson>()

/**
 * The prefetched answer for this contact, handed over once (a reload fetches afresh): `ready` when it is
 * already in, else `pending`; undefined when nothing was prefetched.
 */
export function takePrefetchedProfile(
  externalUserId: string,
): { ready?: FetchedJson; pending: Promise<FetchedJson> } | undefined {
  const pending = prefetched.get(externalUserId)
  const ready = answered.get(externalUserId)
  prefetched.delete(externalUserId)
  answered.delete(externalUserId)
  return pending && { ready, pending }
}
