import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import { DEMO_TAG_CATALOGUE, demoTagId } from '../../lib/demo-corp-tags.js'
import type { SimCorpTagGroupsTable, SimCorpTagsTable } from './sim-tags.table.js'

type Q = Kysely<Database>
export type SimTagGroup = Selectable<SimCorpTagGroupsTable>
export type SimTag = Selectable<SimCorpTagsTable>

/** Creates the seed catalogue the first time the simulated corp's tags are read (never once any exist). */
export async function ensureSeedCatalogue(db: Q, nowSec: number): Promise<void> {
  const any = await db.selectFrom('sim_corp_tag_groups').select('group_id').limit(1).executeTakeFirst()
  if (any) return
  const base = nowSec - 180 * 86_400
  await db.transaction().execute(async (trx) => {
    for (const [gi, g] of DEMO_TAG_CATALOGUE.entries()) {
      const groupId = demoTagId(g.group)
      const groupOrder = DEMO_TAG_CATALOGUE.length - gi
      await trx
        .insertInto('sim_corp_tag_groups')
        .values({
          group_id: groupId,
          group_name: g.group,
          order: groupOrder,
          create_time: base,
          deleted: 0,
          created_by_app: 0,
        })
        .onConflict((oc) => oc.column('group_id').doNothing())
        .execute()
      await trx
        .insertInto('sim_corp_tags')
        .values(
          g.tags.map((name, ti) => ({
            id: demoTagId(`${g.group}/${name}`),
            group_id: groupId,
            name,
            order: g.tags.length - ti,
            create_time: base,
            deleted: 0,
            created_by_app: 0,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    }
  })
}

/** WeCom lists larger `order` first, then older first. */
const byOrder = <T extends { order: number | string; create_time: number | string }>(a: T, b: T) =>
  Number(b.order) - Number(a.order) || Number(a.create_time) - Number(b.create_time)

export async function liveGroups(db: Q): Promise<SimTagGroup[]> {
  return (await db.selectFrom('sim_corp_tag_groups').selectAll().where('deleted', '=', 0).execute()).sort(byOrder)
}

export async function liveTags(db: Q): Promise<SimTag[]> {
  return (await db.selectFrom('sim_corp_tags').selectAll().where('deleted', '=', 0).execute()).sort(byOrder)
}

export async function findGroup(db: Q, groupId: string): Promise<SimTagGroup | undefined> {
  return db
    .selectFrom('sim_corp_tag_groups')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('deleted', '=', 0)
    .executeTakeFirst()
}

export async function findGroupByName(db: Q, name: string): Promise<SimTagGroup | undefined> {
  return db
    .selectFrom('sim_corp_tag_groups')
    .selectAll()
    .where('group_name', '=', name)
    .where('deleted', '=', 0)
    .executeTakeFirst()
}

export async function findTag(db: Q, id: string): Promise<SimTag | undefined> {
  return db.selectFrom('sim_corp_tags').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst()
}
