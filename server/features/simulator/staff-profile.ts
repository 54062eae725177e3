import { stableHash } from './sim-options.js'

/** How the simulated member works: drives behaviour data and whether mass/moment tasks get done. */
export type Diligence = 'diligent' | 'steady' | 'lagging'

export function diligenceOf(userid: string): Diligence {
  const h = stableHash('diligence:' + userid) % 5
  return h === 0 ? 'lagging' : h < 3 ? 'steady' : 'diligent'
}

const rand = (seed: string, min: number, max: number) => min + (stableHash(seed) % (max - min + 1))

/** One day of `behavior_data` for one member; reply fields only on days with chats, as WeCom does. */
export function behaviourDay(userid: string, statTime: number): Record<string, number> {
  const d = diligenceOf(userid)
  const s = `${userid}:${statTime}:`
  const weekend = [0, 6].includes(new Date((statTime + 8 * 3600) * 1000).getUTCDay())
  const scale = weekend ? 0.3 : 1
  const [chatLo, chatHi] = d === 'diligent' ? [8, 20] : d === 'steady' ? [3, 10] : [0, 3]
  const chat = Math.round(rand(s + 'chat', chatLo, chatHi) * scale)
  const day: Record<string, number> = {
    stat_time: statTime,
    new_apply_cnt: Math.round(rand(s + 'apply', 0, d === 'lagging' ? 1 : 4) * scale),
    new_contact_cnt: Math.round(rand(s + 'contact', 0, d === 'lagging' ? 1 : 3) * scale),
    chat_cnt: chat,
    message_cnt: chat * rand(s + 'per', 2, 5),
    negative_feedback_cnt: rand(s + 'neg', 0, d === 'lagging' ? 12 : 40) === 0 ? 1 : 0,
  }
  if (chat > 0) {
    const [pLo, pHi] = d === 'diligent' ? [900, 1000] : d === 'steady' ? [700, 950] : [300, 700]
    day.reply_percentage = rand(s + 'pct', pLo, pHi) / 10
    day.avg_reply_time =
      d === 'diligent' ? rand(s + 'rt', 2, 10) : d === 'steady' ? rand(s + 'rt', 8, 30) : rand(s + 'rt', 30, 120)
  }
  return day
}

/** Sums several members' days the way WeCom aggregates several ids (reply fields averaged). */
export function aggregateDays(days: Record<string, number>[], statTime: number): Record<string, number> {
  const sum = (k: string) => days.reduce((a, d) => a + (d[k] ?? 0), 0)
  const out: Record<string, number> = { stat_time: statTime }
  for (const k of ['new_apply_cnt', 'new_contact_cnt', 'chat_cnt', 'message_cnt', 'negative_feedback_cnt'])
    out[k] = sum(k)
  const withChats = days.filter((d) => d.reply_percentage !== undefined)
  if (withChats.length > 0) {
    out.reply_percentage =
      Math.round((withChats.reduce((a, d) => a + d.reply_percentage!, 0) / withChats.length) * 10) / 10
    out.avg_reply_time = Math.round(withChats.reduce((a, d) => a + d.avg_reply_time!, 0) / withChats.length)
  }
  return out
}

/** WeCom's days start at 00:00 China time. */
export const CHINA_OFFSET_SECONDS = 8 * 3600
export const floorToChinaDay = (ts: number): number => ts - ((ts + CHINA_OFFSET_SECONDS) % 86_400)

/**
 * When (if ever) a member carries out a mass-send or moment task: diligent members within two hours,
 * steady ones within a day, lagging ones only half the time and late.
 */
export function taskCompletion(
  userid: string,
  taskId: string,
  createTime: number,
  now: number,
): { done: boolean; at: number } {
  const d = diligenceOf(userid)
  const s = `${userid}:${taskId}:`
  if (d === 'lagging' && stableHash(s + 'skip') % 2 === 0) return { done: false, at: 0 }
  const delayMinutes =
    d === 'diligent'
      ? rand(s + 'delay', 5, 120)
      : d === 'steady'
        ? rand(s + 'delay', 60, 1440)
        : rand(s + 'delay', 1440, 4320)
  const at = createTime + delayMinutes * 60
  return { done: at <= now, at }
}
