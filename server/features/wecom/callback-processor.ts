import type { AppContext } from '../../lib/context.js'
import { parseInnerMessage } from './callback-xml.js'
import {
  listPendingCallbacks,
  markCallbackProcessed,
  nextDueAt,
  recordCallbackFailure,
  type CallbackRow,
} from './callback.repository.js'
import { retryAfterFailure } from './callback-retry.js'
import { applyContactChange, isContactChange } from './contact-sync.js'
import { applyOtherEvent } from './other-events.js'
import { getWecomClient, type WecomClient } from './wecom-client.js'
import { offerWelcomeCode } from './welcome-code.port.js'

const BATCH = 50

/** Processes one stored callback; what no handler knows is kept for the record and marked done. */
async function processOne(ctx: AppContext, client: WecomClient, row: CallbackRow): Promise<void> {
  const m = parseInnerMessage(row.payload)
  if (m && isContactChange(m) && m.UserID && m.ExternalUserID) {
    await offerWelcomeCode(ctx, client, m)
    await applyContactChange(
      ctx,
      client,
      { ...m, UserID: m.UserID, ExternalUserID: m.ExternalUserID },
      { id: row.id, dedupeKey: row.dedupe_key },
    )
    return
  }
  if (m && (await applyOtherEvent(ctx, m, { id: row.id, dedupeKey: row.dedupe_key }))) return
  await markCallbackProcessed(ctx.db.kysely, row.id, ctx.now().toISOString())
}

/**
 * Works through every due callback once, oldest first; a failure counts an attempt and waits its backoff
 * (the retry timer picks it up), the last one dead-letters it for the admin. Safe to run concurrently: the contact upsert
 * and the event's dedupe key make a second pass a no-op. Returns how many rows were completed.
 */
export async function processPendingCallbacks(
  ctx: AppContext,
  client: WecomClient = getWecomClient(ctx),
): Promise<number> {
  let done = 0
  let afterId = 0
  const turn = { since: performance.now() }
  for (;;) {
    const rows = await listPendingCallbacks(ctx.db.kysely, afterId, ctx.now().toISOString(), BATCH)
    if (!rows.length) return done
    for (const row of rows) {
      if (stopping.has(ctx)) return done
      await giveWayToDeliveries(ctx, turn)
      afterId = row.id
      try {
        await processOne(ctx, client, row)
        done++
      } catch (err) {
        const reason = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'
        ctx.logger.warn(
          { callbackId: row.id, errName: err instanceof Error ? err.name : 'unknown' },
          'wecom callback processing failed',
        )
        await recordCallbackFailure(ctx.db.kysely, row, reason, retryAfterFailure(row.attempts + 1, ctx.now()))
      }
    }
  }
}

/**
 * Acks first: WeCom re-delivers what it does not see answered within 5 s, so while deliveries arrive closer
 * than QUIET_MS apart the processor (a WeCom lookup, an upsert and an event per callback) steps aside. Under a
 * stream that never pauses it still works WORK_MS after every WAIT_MS, so the backlog keeps moving.
 */
const QUIET_MS = 50
const WAIT_MS = 2000
const WORK_MS = 500
const lastDelivery = new WeakMap<AppContext, number>()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function giveWayToDeliveries(ctx: AppContext, turn: { since: number }): Promise<void> {
  for (let waited = 0; ;) {
    const now = performance.now()
    const quiet = now - (lastDelivery.get(ctx) ?? -Infinity) >= QUIET_MS
    // Quiet, or waited long enough: a work slice starts now.
    if (quiet || waited >= WAIT_MS) {
      turn.since = now
      return
    }
    if (now - turn.since < WORK_MS) return
    const pause = Math.min(QUIET_MS, WAIT_MS - waited)
    await sleep(pause)
    waited += pause
  }
}

const running = new WeakMap<AppContext, { again: boolean; finished: Promise<void> }>()
/** Contexts shutting down: a pass stops after the callback in hand; the rest waits, stored, for the next start. */
const stopping = new WeakSet<AppContext>()

/** Runs `processPendingCallbacks` in the background, coalescing triggers that arrive mid-run. */
export function scheduleCallbackProcessing(ctx: AppContext): void {
  lastDelivery.set(ctx, performance.now())
  runInBackground(ctx)
}

/** The start-up pass: callbacks stored but not processed before the last shutdown. */
export function resumeCallbackProcessing(ctx: AppContext): void {
  runInBackground(ctx)
}

function runInBackground(ctx: AppContext): void {
  const state = running.get(ctx)
  if (state) {
    state.again = true
    return
  }
  const run = { again: false, finished: Promise.resolve() }
  running.set(ctx, run)
  run.finished = new Promise((resolve) =>
    setImmediate(async () => {
      try {
        do {
          run.again = false
          await processPendingCallbacks(ctx)
        } while (run.again && !stopping.has(ctx))
      } catch (err) {
        ctx.logger.error({ errName: err instanceof Error ? err.name : 'unknown' }, 'wecom callback processing stopped')
      } finally {
        running.delete(ctx)
        if (!stopping.has(ctx)) await armRetryTimer(ctx)
        resolve()
      }
    }),
  )
}

/**
 * For shutdown (and between tests): the background pass finishes the callback in hand and stops, the retry timer
 * is cleared, and this resolves once nothing runs, so the database can close under no one. Deliveries after it
 * start a pass again.
 */
export async function stopCallbackProcessing(ctx: AppContext): Promise<void> {
  stopping.add(ctx)
  try {
    for (let run = running.get(ctx); run; run = running.get(ctx)) await run.finished
    clearTimeout(timers.get(ctx))
  } finally {
    stopping.delete(ctx)
  }
}

const timers = new WeakMap<AppContext, NodeJS.Timeout>()
const MAX_TIMER_MS = 10 * 60_000

/** Wakes the processor when the earliest waiting delivery becomes due (or every 10 min, whichever is sooner). */
async function armRetryTimer(ctx: AppContext): Promise<void> {
  try {
    const due = await nextDueAt(ctx.db.kysely)
    clearTimeout(timers.get(ctx))
    if (!due) return
    const wait = Math.max(1000, Math.min(MAX_TIMER_MS, Date.parse(due) - ctx.now().getTime()))
    const timer = setTimeout(() => scheduleCallbackProcessing(ctx), wait)
    timer.unref()
    timers.set(ctx, timer)
  } catch {
    // The database is gone (shutdown): nothing left to wake.
  }
}
