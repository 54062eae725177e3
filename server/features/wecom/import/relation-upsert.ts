import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import type { ExternalContactDetail, FollowUserInfo } from '../wecom-schemas.js'
import {
  DETAIL_FIELDS,
  findStoredRelationsOf,
  insertMissingRelations,
  updateRelationById,
} from './relation-rows.repository.js'

type Q = Kysely<Database>
type NewRelation = Insertable<Database['wecom_contacts']>
type Profile = ExternalContactDetail['external_contact']
type Follow = Pick<FollowUserInfo, 'remark' | 'createtime' | 'add_way' | 'state'> & { userid: string }

/** One relation as WeCom lists it (batch/get_by_user or externalcontact/get). */
export interface WecomRelation {
  profile: Profile
  follow: Follow
}

function rowOf(r: WecomRelation, now: string): NewRelation {
  const { profile: p, follow: f } = r
  return {
    staff_userid: f.userid,
    external_userid: p.external_userid,
    name: p.name,
    avatar: p.avatar,
    type: p.type,
    corp_name: p.corp_name ?? null,
    gender: p.gender,
    add_time: new Date(f.createtime * 1000).toISOString(),
    add_way: f.add_way,
    state: f.state || null,
    remark: f.remark || null,
    deleted_at: null,
    deleted_by: null,
    updated_at: now,
  }
}

/**
 * Inserts the relations not stored yet and updates only the ones whose details differ or that were marked
 * deleted (every update of wecom_contacts marks the dashboard rollups dirty, so unchanged rows stay
 * untouched). Idempotent: a page applied twice changes nothing the second time. Returns the new pairs.
 */
export async function upsertRelations(db: Q, relations: WecomRelation[], now: string): Promise<WecomRelation[]> {
  if (!relations.length) return []
  const exts = [...new Set(relations.map((r) => r.profile.external_userid))]
  const stored = await findStoredRelationsOf(db, exts)
  const byPair = new Map(stored.map((s) => [`${s.staff_userid}\n${s.external_userid}`, s]))
  const added: WecomRelation[] = []
  const fresh: NewRelation[] = []
  for (const r of relations) {
    const row = rowOf(r, now)
    const old = byPair.get(`${row.staff_userid}\n${row.external_userid}`)
    if (!old) {
      fresh.push(row)
      added.push(r)
      continue
    }
    // WeCom keeps listing a relation the customer deleted (one-way, facts §4.6): the callback's fact stands.
    const keepDeleted = old.deleted_by === 'customer'
    const revived = old.deleted_at !== null && !keepDeleted
    const changed = revived || DETAIL_FIELDS.some((k) => (old[k] ?? null) !== (row[k] ?? null))
    if (!changed) continue
    const { staff_userid: _s, external_userid: _e, ...fields } = row
    const update = keepDeleted ? { ...fields, deleted_at: old.deleted_at, deleted_by: old.deleted_by } : fields
    await updateRelationById(db, old.id, update)
  }
  if (fresh.length) await insertMissingRelations(db, fresh)
  return added
}
