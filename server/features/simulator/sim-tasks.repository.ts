import type { Selectable } from 'kysely'
import type { AppContext } from '../../lib/context.js'
import type { SimTasksTable } from './simulator.table.js'

export type SimTask = Selectable<SimTasksTable>

/** A (member, customer) pair a mass message is addressed to. */
export interface TaskTarget {
  userid: string
  external_userid: string
}

export async function insertTask(ctx: AppContext, task: SimTask): Promise<void> {
  await ctx.db.kysely.insertInto('sim_tasks').values(task).execute()
}

export async function findTask(
  ctx: AppContext,
  kind: SimTask['kind'],
  by: { id: string } | { jobid: string },
): Promise<SimTask | undefined> {
  let q = ctx.db.kysely.selectFrom('sim_tasks').selectAll().where('kind', '=', kind)
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('jobid', '=', by.jobid)
  return q.executeTakeFirst()
}

export async function tasksBetween(
  ctx: AppContext,
  kind: SimTask['kind'],
  from: number,
  to: number,
): Promise<SimTask[]> {
  return ctx.db.kysely
    .selectFrom('sim_tasks')
    .selectAll()
    .where('kind', '=', kind)
    .where('create_time', '>=', from)
    .where('create_time', '<=', to)
    .orderBy('create_time')
    .orderBy('id')
    .execute()
}

export const parseJson = <T>(text: string): T => JSON.parse(text) as T
