import type { EscalationMetrics, QaTopic } from '../../contracts/replies.js'
import type { AppContext } from '../../lib/context.js'
import { answerUses, listEscalationsCreatedSince } from './escalations.repository.js'

function median(values: number[]): number | null {
  if (!values.length) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** The middle office's results on 问中台 over the last `days`: volume, speed, SLA, promotion and later use. */
export async function escalationMetrics(ctx: AppContext, days: number): Promise<EscalationMetrics> {
  const db = ctx.db.kysely
  const now = ctx.now()
  const since = new Date(now.getTime() - days * 86_400_000).toISOString()
  const rows = await listEscalationsCreatedSince(db, since)
  const byTopic = new Map<QaTopic, number>()
  for (const r of rows) byTopic.set(r.topic, (byTopic.get(r.topic) ?? 0) + 1)
  const answered = rows.filter((r) => r.answered_at)
  const at = now.toISOString()
  const uses = await answerUses(db, answered)
  return {
    days,
    total: rows.length,
    byTopic: [...byTopic].map(([topic, count]) => ({ topic, count })).sort((a, b) => b.count - a.count),
    answered: answered.length,
    medianMinutesToAnswer: median(
      answered.map((r) => Math.round((Date.parse(r.answered_at!) - Date.parse(r.created_at)) / 60_000)),
    ),
    slaBreaches: rows.filter((r) => (r.answered_at ?? at) > r.sla_due_at).length,
    promoted: rows.filter((r) => r.promoted_qa_id !== null).length,
    answerUse: answered
      .map((r) => ({
        id: Number(r.id),
        question: r.question,
        uses: uses.get(Number(r.id)) ?? 0,
        promotedQaId: r.promoted_qa_id === null ? null : Number(r.promoted_qa_id),
      }))
      .sort((a, b) => b.uses - a.uses || b.id - a.id)
      .slice(0, 20),
  }
}
