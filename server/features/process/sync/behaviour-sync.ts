import type { AppContext } from '../../../lib/context.js'
import { getWecomClient } from '../../wecom/index.js'
import { addDays, dayOfEpoch, dayStartEpoch, daysBetween, today } from '../days.js'
import { upsertBehaviourDays } from '../behaviour.repository.js'
import { listSyncedStaffUserids } from '../staff.repository.js'
import { doneUntil, markDoneUntil } from './sync-runs.repository.js'

/** WeCom: a span of at most 30 days, both ends included; the last 180 days only. */
const WINDOW_DAYS = 30
const FIRST_RUN_DAYS = 30
const MAX_BACK_DAYS = 179

/**
 * Pulls get_user_behavior_data from the day after the last completed one up to yesterday, one window
 * of ≤ 30 days at a time, one member per call (several ids come back summed). Each window is upserted
 * and then recorded as done, so a failure resumes at the first unfinished window and a re-run of a
 * day overwrites it with the same numbers.
 */
export async function syncBehaviour(ctx: AppContext, opts: { from?: string } = {}): Promise<Record<string, number>> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const yesterday = addDays(today(now), -1)
  const oldest = addDays(today(now), -MAX_BACK_DAYS)
  const last = await doneUntil(db, 'behaviour')
  let from = opts.from ?? (last ? addDays(last, 1) : addDays(yesterday, -(FIRST_RUN_DAYS - 1)))
  if (from < oldest) from = oldest
  const staff = await listSyncedStaffUserids(db)
  const client = getWecomClient(ctx)
  const stats = { days: 0, calls: 0, rows: 0 }
  while (from <= yesterday) {
    const to = [addDays(from, WINDOW_DAYS - 1), yesterday].sort()[0]!
    for (const userid of staff) {
      const reply = await client.getUserBehaviorData({
        userid: [userid],
        start_time: dayStartEpoch(from),
        end_time: dayStartEpoch(to),
      })
      stats.calls++
      const rows = reply.behavior_data.map((d) => ({
        staff_userid: userid,
        day: dayOfEpoch(d.stat_time),
        new_apply_cnt: d.new_apply_cnt,
        new_contact_cnt: d.new_contact_cnt,
        chat_cnt: d.chat_cnt,
        message_cnt: d.message_cnt,
        reply_percentage: d.reply_percentage ?? null,
        avg_reply_time: d.avg_reply_time ?? null,
        negative_feedback_cnt: d.negative_feedback_cnt,
        synced_at: now.toISOString(),
      }))
      if (!rows.length) continue
      await upsertBehaviourDays(db, rows)
      stats.rows += rows.length
    }
    await markDoneUntil(db, 'behaviour', to, now)
    stats.days += daysBetween(from, to) + 1
    from = addDays(to, 1)
  }
  return stats
}
