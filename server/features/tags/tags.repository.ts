import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { chunks } from '../../lib/collections.js'
import type { CorpTagGroup } from '../wecom/index.js'

type Q = Kysely<Database>

const SYNCED_KEY = 'tags:catalogue_synced_at'

export interface StoredTag {
  tagId: string
  groupId: string
  groupName: string
  name: string
}

/** Replaces the mirror with WeCom's catalogue: tags it no longer lists stay, marked deleted. */
export async function replaceCatalogue(db: Q, groups: readonly CorpTagGroup[], now: Date): Promise<void> {
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('corp_tags').set({ deleted: 1 }).execute()
    for (const g of groups) {
      for (const t of g.tag) {
        const row = {
          group_id: g.group_id,
          group_name: g.group_name,
          name: t.name,
          group_order: g.order,
          tag_order: t.order,
          deleted: g.deleted || t.deleted ? 1 : 0,
          synced_at: at,
        }
        await trx
          .insertInto('corp_tags')
          .values({ tag_id: t.id, ...row })
          .onConflict((oc) => oc.column('tag_id').doUpdateSet(row))
          .execute()
      }
    }
    await trx
      .insertInto('kv')
      .values({ key: SYNCED_KEY, value: at, expires_at: null })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: at }))
      .execute()
  })
}

export async function catalogueSyncedAt(db: Q): Promise<string | null> {
  const row = await db.selectFrom('kv').select('value').where('key', '=', SYNCED_KEY).executeTakeFirst()
  return row?.value ?? null
}

/** Live tags in WeCom's order: larger group order first, then larger tag order. */
export async function liveCatalogue(db: Q): Promise<StoredTag[]> {
  const rows = await db
    .selectFrom('corp_tags')
    .select(['tag_id', 'group_id', 'group_name', 'name', 'group_order', 'tag_order'])
    .where('deleted', '=', 0)
    .execute()
  return rows
    .sort(
      (a, b) =>
        Number(b.group_order) - Number(a.group_order) ||
        a.group_id.localeCompare(b.group_id) ||
        Number(b.tag_order) - Number(a.tag_order) ||
        a.tag_id.localeCompare(b.tag_id),
    )
    .map((r) => ({ tagId: r.tag_id, groupId: r.group_id, groupName: r.group_name, name: r.name }))
}

export async function findLiveTags(db: Q, tagIds: readonly string[]): Promise<StoredTag[]> {
  if (tagIds.length === 0) return []
  const rows = await db
    .selectFrom('corp_tags')
    .select(['tag_id', 'group_id', 'group_name', 'name'])
    .where('tag_id', 'in', [...tagIds])
    .where('deleted', '=', 0)
    .execute()
  return rows.map((r) => ({ tagId: r.tag_id, groupId: r.group_id, groupName: r.group_name, name: r.name }))
}

export async function groupExists(db: Q, groupId: string): Promise<boolean> {
  const row = await db
    .selectFrom('corp_tags')
    .select('tag_id')
    .where('group_id', '=', groupId)
    .where('deleted', '=', 0)
    .executeTakeFirst()
  return row !== undefined
}

/** The corp tags (with their catalogue names) this member has on this customer; deleted tags drop out. */
export async function tagsOfRelation(db: Q, staffUserid: string, externalUserid: string): Promise<StoredTag[]> {
  const rows = await db
    .selectFrom('contact_tags as ct')
    .innerJoin('corp_tags as t', 't.tag_id', 'ct.tag_id')
    .select(['t.tag_id', 't.group_id', 't.group_name', 't.name', 't.group_order', 't.tag_order'])
    .where('ct.staff_userid', '=', staffUserid)
    .where('ct.external_userid', '=', externalUserid)
    .where('t.deleted', '=', 0)
    .execute()
  return rows
    .sort((a, b) => Number(b.group_order) - Number(a.group_order) || Number(b.tag_order) - Number(a.tag_order))
    .map((r) => ({ tagId: r.tag_id, groupId: r.group_id, groupName: r.group_name, name: r.name }))
}

export async function replaceRelationTags(
  db: Q,
  staffUserid: string,
  externalUserid: string,
  tagIds: readonly string[],
  now: Date,
): Promise<void> {
  await db.transaction().execute((trx) => replaceTagsOfRelations(trx, [{ staffUserid, externalUserid, tagIds }], now))
}

/**
 * Sets the corp tags of many relations to what WeCom listed (the relation import's pages, contact callbacks), in the
 * caller's transaction: a tag removed in WeCom is gone here too. Only the difference is written, so the nightly
 * reconciliation leaves unchanged relations' rows alone.
 */
export async function replaceTagsOfRelations(
  db: Q,
  relations: readonly { staffUserid: string; externalUserid: string; tagIds: readonly string[] }[],
  now: Date,
): Promise<void> {
  const key = (staff: string, ext: string, tag: string) => `${staff}\n${ext}\n${tag}`
  for (const chunk of chunks(relations, 100)) {
    const stored = await db
      .selectFrom('contact_tags')
      .select(['staff_userid', 'external_userid', 'tag_id'])
      .where((eb) =>
        eb.or(
          chunk.map((r) =>
            eb.and([eb('staff_userid', '=', r.staffUserid), eb('external_userid', '=', r.externalUserid)]),
          ),
        ),
      )
      .execute()
    const have = new Set(stored.map((s) => key(s.staff_userid, s.external_userid, s.tag_id)))
    const wanted = new Set<string>()
    const added: { staff_userid: string; external_userid: string; tag_id: string; updated_at: string }[] = []
    for (const r of chunk)
      for (const tag of r.tagIds) {
        const k = key(r.staffUserid, r.externalUserid, tag)
        if (!have.has(k) && !wanted.has(k))
          added.push({
            staff_userid: r.staffUserid,
            external_userid: r.externalUserid,
            tag_id: tag,
            updated_at: now.toISOString(),
          })
        wanted.add(k)
      }
    const gone = stored.filter((s) => !wanted.has(key(s.staff_userid, s.external_userid, s.tag_id)))
    for (const part of chunks(gone, 100))
      await db
        .deleteFrom('contact_tags')
        .where((eb) =>
          eb.or(
            part.map((g) =>
              eb.and([
                eb('staff_userid', '=', g.staff_userid),
                eb('external_userid', '=', g.external_userid),
                eb('tag_id', '=', g.tag_id),
              ]),
            ),
          ),
        )
        .execute()
    // Four parameters a row: 500 rows stay far below SQLite's and PostgreSQL's limits.
    for (const part of chunks(added, 500)) await db.insertInto('contact_tags').values(part).execute()
  }
}

/** Relations (member, customer) of these members carrying any of `tagIds`, with the tags they carry. */
export async function relationTagsAmong(
  db: Q,
  staffUserids: readonly string[],
  tagIds: readonly string[],
): Promise<{ staffUserid: string; externalUserid: string; tagId: string }[]> {
  if (staffUserids.length === 0 || tagIds.length === 0) return []
  const out: { staffUserid: string; externalUserid: string; tagId: string }[] = []
  for (let i = 0; i < staffUserids.length; i += 500) {
    const rows = await db
      .selectFrom('contact_tags')
      .select(['staff_userid', 'external_userid', 'tag_id'])
      .where('staff_userid', 'in', staffUserids.slice(i, i + 500))
      .where('tag_id', 'in', [...tagIds])
      .execute()
    for (const r of rows) out.push({ staffUserid: r.staff_userid, externalUserid: r.external_userid, tagId: r.tag_id })
  }
  return out
}
