import type { TransferStatus } from '../../contracts/handover.js'
import type { AppContext } from '../../lib/context.js'
import { getWecomClient, type TransferResult } from '../wecom/index.js'
import { transferFailures, updateTransfer, waitingTransfers, type TransferRow } from './transfers.repository.js'
import { applyTakeover } from './takeover.js'

const STATUS: Record<number, TransferStatus> = {
  1: 'accepted',
  2: 'waiting',
  3: 'refused',
  4: 'limit_reached',
  5: 'no_record',
}
const FAIL_REASON: Record<string, TransferStatus> = {
  customer_refused: 'refused',
  customer_limit_exceed: 'limit_reached',
}

/**
 * Brings every waiting transfer up to date: a `transfer_fail` callback (stored as an event) settles it at once;
 * otherwise transfer_result is asked once per (kind, from, to) pair, and an accepted takeover moves the relation.
 */
export async function refreshTransfers(ctx: AppContext): Promise<{ checked: number; applied: number }> {
  const db = ctx.db.kysely
  const waiting = await waitingTransfers(db)
  const now = ctx.now().toISOString()
  const open: TransferRow[] = []
  for (const t of waiting) {
    const [failure] = await transferFailures(db, t.takeover_userid, t.external_userid, t.requested_at)
    const status = failure ? FAIL_REASON[failure.reason] : undefined
    if (status) await updateTransfer(db, t.id, { status, checked_at: now })
    else open.push(t)
  }
  const pairs = new Map<string, TransferRow[]>()
  for (const t of open) {
    const key = `${t.kind}\u0000${t.handover_userid}\u0000${t.takeover_userid}`
    pairs.set(key, [...(pairs.get(key) ?? []), t])
  }
  let applied = 0
  const client = getWecomClient(ctx)
  for (const rows of pairs.values()) {
    const { kind, handover_userid, takeover_userid } = rows[0]!
    const results = new Map<string, TransferResult>()
    let cursor: string | undefined
    for (let page = 0; page < 50; page++) {
      const body = { handover_userid, takeover_userid, ...(cursor ? { cursor } : {}) }
      const reply = kind === 'onjob' ? await client.transferResult(body) : await client.resignedTransferResult(body)
      for (const c of reply.customer) results.set(c.external_userid, c)
      if (!reply.next_cursor) break
      cursor = reply.next_cursor
    }
    for (const t of rows) {
      const r = results.get(t.external_userid)
      const status = r ? (STATUS[r.status] ?? 'waiting') : 'waiting'
      const takeoverAt = r && r.takeover_time ? new Date(r.takeover_time * 1000).toISOString() : t.takeover_at
      await db.transaction().execute(async (trx) => {
        await updateTransfer(trx, t.id, { status, takeover_at: takeoverAt, checked_at: now })
        if (status === 'accepted') {
          await applyTakeover(trx, t, takeoverAt ?? now)
          applied++
        }
      })
    }
  }
  return { checked: waiting.length, applied }
}

const POLL_MS = 10 * 60_000

/** Polls transfer_result every 10 minutes (WeCom sends no callback when a takeover succeeds). */
export function startHandoverSchedule(ctx: AppContext): () => void {
  const timer = setInterval(() => {
    refreshTransfers(ctx).catch((err) =>
      ctx.logger.warn({ errName: err instanceof Error ? err.name : 'unknown' }, 'handover refresh failed'),
    )
  }, POLL_MS)
  timer.unref()
  return () => clearInterval(timer)
}
