import type { AppContext } from '../../lib/context.js'
import { deleteKv, readKv, writeKv } from '../../lib/kv.repository.js'

/** Renew this long before WeCom's `expires_in` runs out, so no call goes out with a dying credential. */
export const RENEW_MARGIN_MS = 5 * 60_000

export interface FetchedCredential {
  value: string
  expiresInSec: number
}

/**
 * One WeCom credential (access_token or a jsapi ticket) cached in the shared `kv` table, with an
 * in-process memo in front and one in-flight fetch shared by concurrent callers. WeCom caps ticket
 * fetches (100/hour per app), so every instance reads the row another instance wrote.
 */
export class CredentialCache {
  private memo: { value: string; expiresAt: number } | undefined
  private inflight: Promise<string> | undefined

  constructor(
    private readonly ctx: AppContext,
    private readonly key: string,
    private readonly fetchFresh: () => Promise<FetchedCredential>,
  ) {}

  /** A usable value: memo, then kv, then one fetch. */
  async get(): Promise<string> {
    const now = this.ctx.now().getTime()
    if (this.memo && this.memo.expiresAt - RENEW_MARGIN_MS > now) return this.memo.value
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined
    })
    return this.inflight
  }

  /** Drops `stale` (WeCom rejected it) and returns a fresh value; a newer one already stored is reused. */
  async refresh(stale: string): Promise<string> {
    if (this.memo?.value === stale) this.memo = undefined
    await deleteKv(this.ctx.db.kysely, this.key, stale)
    return this.get()
  }

  private async load(): Promise<string> {
    const now = this.ctx.now().getTime()
    const row = await readKv(this.ctx.db.kysely, this.key)
    const storedExpiry = row?.expires_at == null ? 0 : Number(row.expires_at)
    if (row && storedExpiry - RENEW_MARGIN_MS > now) {
      this.memo = { value: row.value, expiresAt: storedExpiry }
      return row.value
    }
    const fresh = await this.fetchFresh()
    const expiresAt = this.ctx.now().getTime() + fresh.expiresInSec * 1000
    await writeKv(this.ctx.db.kysely, this.key, fresh.value, expiresAt)
    this.memo = { value: fresh.value, expiresAt }
    return fresh.value
  }
}
