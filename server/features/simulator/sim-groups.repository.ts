import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import type { SimGroupMembersTable, SimGroupsTable } from './sim-groups.table.js'

type Q = Kysely<Database>
export type SimGroup = Selectable<SimGroupsTable>
export type SimGroupMember = Selectable<SimGroupMembersTable>

/** Groups ordered the way groupchat/list pages them (newest first, then id), optionally filtered. */
export async function listGroups(
  db: Q,
  filter: { status?: number; owners?: string[] },
): Promise<Pick<SimGroup, 'chat_id' | 'status'>[]> {
  let q = db.selectFrom('sim_groups').select(['chat_id', 'status'])
  if (filter.status !== undefined) q = q.where('status', '=', filter.status)
  if (filter.owners) q = q.where('owner', 'in', filter.owners)
  return q.orderBy('create_time', 'desc').orderBy('chat_id').execute()
}

export async function findGroup(db: Q, chatId: string): Promise<SimGroup | undefined> {
  return db.selectFrom('sim_groups').selectAll().where('chat_id', '=', chatId).executeTakeFirst()
}

/** Members in join order (the owner first: they created the group). */
export async function groupMembers(db: Q, chatId: string): Promise<SimGroupMember[]> {
  return db
    .selectFrom('sim_group_members')
    .selectAll()
    .where('chat_id', '=', chatId)
    .orderBy('join_time')
    .orderBy('userid')
    .execute()
}

/** Groups a member owns or sits in, with their size, for the desktop page's list. */
export async function groupsOfStaff(db: Q, userid: string): Promise<(SimGroup & { member_count: number })[]> {
  const rows = await db
    .selectFrom('sim_groups as g')
    .selectAll('g')
    .select((eb) =>
      eb
        .selectFrom('sim_group_members as m')
        .select(eb.fn.countAll().as('n'))
        .whereRef('m.chat_id', '=', 'g.chat_id')
        .as('member_count'),
    )
    .where((eb) =>
      eb.or([
        eb('g.owner', '=', userid),
        eb.exists(
          eb
            .selectFrom('sim_group_members as me')
            .select('me.chat_id')
            .whereRef('me.chat_id', '=', 'g.chat_id')
            .where('me.userid', '=', userid),
        ),
      ]),
    )
    .orderBy('g.create_time', 'desc')
    .orderBy('g.chat_id')
    .execute()
  return rows.map((r) => ({ ...r, create_time: Number(r.create_time), member_count: Number(r.member_count ?? 0) }))
}
