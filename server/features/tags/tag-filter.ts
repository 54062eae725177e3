import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { findLiveTags, relationTagsAmong } from './tags.repository.js'

/**
 * Keeps the relations matching a tag selection the way WeCom's own tag filter reads: any tag within a group,
 * every group selected (e.g. 兴趣 基金 or 黄金, and 客户等级 财富). No tags selected keeps everyone.
 */
export async function filterByTags<R extends { staffUserid: string; externalUserid: string }>(
  db: Kysely<Database>,
  relations: readonly R[],
  tagIds: readonly string[],
): Promise<R[]> {
  if (tagIds.length === 0) return [...relations]
  const tags = await findLiveTags(db, tagIds)
  const groupOf = new Map(tags.map((t) => [t.tagId, t.groupId]))
  const groups = new Set(groupOf.values())
  const staff = [...new Set(relations.map((r) => r.staffUserid))]
  const matched = new Map<string, Set<string>>()
  for (const r of await relationTagsAmong(db, staff, [...groupOf.keys()])) {
    const key = `${r.staffUserid}\u0000${r.externalUserid}`
    const set = matched.get(key) ?? new Set<string>()
    set.add(groupOf.get(r.tagId) ?? '')
    matched.set(key, set)
  }
  // A selection whose tags were all deleted matches no one rather than everyone.
  if (groups.size === 0) return []
  return relations.filter((r) => {
    const hit = matched.get(`${r.staffUserid}\u0000${r.externalUserid}`)
    return hit !== undefined && [...groups].every((g) => hit.has(g))
  })
}
