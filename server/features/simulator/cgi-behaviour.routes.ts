import { Router } from 'express'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/database.js'
import type { AppContext } from '../../lib/context.js'
import { cgi, E, parseInput } from './cgi-kit.js'
import { epochSeconds } from './sim-options.js'
import { activeStaffUserids, staffExists } from './sim-world.repository.js'
import { aggregateDays, behaviourDay, floorToChinaDay } from './staff-profile.js'

const DAY = 86_400
const Body = z.object({
  userid: z.array(z.string().min(1)).optional(),
  partyid: z.array(z.union([z.number().int(), z.string()])).optional(),
  start_time: z.number().int().positive(),
  end_time: z.number().int().positive(),
})

/** Simulated departments: the staff table's branches; the member list is whoever sits in them. */
async function membersOfParties(db: Kysely<Database>, partyids: (string | number)[]): Promise<string[]> {
  if (partyids.length === 0) return []
  const rows = await db
    .selectFrom('staff')
    .select('wecom_userid')
    .where('branch_id', 'in', partyids.map(String))
    .where('active', '=', 1)
    .where('wecom_userid', 'is not', null)
    .$narrowType<{ wecom_userid: string }>()
    .execute()
  return rows.map((r) => r.wecom_userid)
}

/** externalcontact/get_user_behavior_data with WeCom's input rules (≤100 ids, ≤30-day span, last 180 days). */
export function cgiBehaviourRoutes(ctx: AppContext): Router {
  const router = Router()
  router.post(
    '/externalcontact/get_user_behavior_data',
    cgi(async (req) => {
      const body = parseInput(Body, req.body)
      const userids = body.userid ?? []
      const partyids = body.partyid ?? []
      if (userids.length === 0 && partyids.length === 0) throw E.invalidParam('userid and partyid cannot both be empty')
      if (userids.length > 100 || partyids.length > 100) throw E.invalidParam('userid or partyid exceeds 100')
      const start = floorToChinaDay(body.start_time)
      const end = floorToChinaDay(body.end_time)
      const today = floorToChinaDay(epochSeconds(ctx.now()))
      if (end < start) throw E.invalidParam('end_time earlier than start_time')
      if (end - start > 30 * DAY) throw E.invalidParam('time span exceeds 30 days')
      if (start < today - 180 * DAY) throw E.invalidParam('start_time earlier than 180 days ago')
      for (const u of userids) if (!(await staffExists(ctx.db.kysely, u))) throw E.userNotFound(u)
      const members = [...new Set([...userids, ...(await membersOfParties(ctx.db.kysely, partyids))])]
      const known = new Set(await activeStaffUserids(ctx.db.kysely))
      const data: Record<string, number>[] = []
      for (let day = start; day <= end; day += DAY) {
        // Days not yet over (today, future) report zeros: WeCom computes the statistics overnight.
        const days = day >= today ? [] : members.filter((m) => known.has(m)).map((m) => behaviourDay(m, day))
        data.push(aggregateDays(days, day))
      }
      return { behavior_data: data }
    }),
  )
  return router
}
