import type { Updateable } from 'kysely'
import type { Database } from '../../db/database.js'
import type { AppContext } from '../../lib/context.js'
import { appendEvent } from '../events/index.js'
import { markCallbackProcessed } from './callback.repository.js'
import type { InnerMessage } from './callback-xml.js'
import { reportRelationTags } from './relation-tags-port.js'
import { updateRelation, upsertRelation } from './relations.repository.js'
import type { WecomClient } from './wecom-client.js'
import { corpTagIdsOf, type ExternalContactDetail, type FollowUserInfo } from './wecom-schemas.js'
import { WecomApiError } from './wecom-errors.js'
import { logWecomFailure } from './wecom-failures.js'

export const CONTACT_CHANGES = {
  add_external_contact: 'contact_added',
  add_half_external_contact: 'contact_added',
  edit_external_contact: 'contact_edited',
  del_external_contact: 'contact_deleted',
  del_follow_user: 'contact_deleted',
} as const
export type ContactChangeType = keyof typeof CONTACT_CHANGES

export const isContactChange = (m: InnerMessage): m is InnerMessage & { ChangeType: ContactChangeType } =>
  m.MsgType === 'event' && m.Event === 'change_external_contact' && !!m.ChangeType && m.ChangeType in CONTACT_CHANGES

interface Fetched {
  profile: ExternalContactDetail['external_contact']
  follow: FollowUserInfo
}

/** WeCom's definite "no such relation" answers: the customer is already gone, nothing to retry. */
const GONE = new Set([84061, 40096])

/**
 * The events carry no details (facts §4.6): ask WeCom, paging with `cursor` past 500 followers.
 * Undefined when the relation no longer exists; any other failure is thrown so the delivery stays
 * pending and is retried, rather than stored as a blank relation.
 */
async function fetchDetails(
  ctx: AppContext,
  client: WecomClient,
  externalUserid: string,
  userid: string,
): Promise<Fetched | undefined> {
  try {
    let cursor: string | undefined
    for (let page = 0; page < 20; page++) {
      const r = await client.getExternalContact(externalUserid, cursor)
      const follow = r.follow_user.find((f) => f.userid === userid)
      if (follow || !r.next_cursor) return follow ? { profile: r.external_contact, follow } : undefined
      cursor = r.next_cursor
    }
    return undefined
  } catch (err) {
    logWecomFailure(ctx, err, 'externalcontact/get')
    if (err instanceof WecomApiError && GONE.has(err.errcode)) return undefined
    throw err
  }
}

/** Upserts the follow relation and appends the process event, in one transaction with marking the callback done. */
export async function applyContactChange(
  ctx: AppContext,
  client: WecomClient,
  m: InnerMessage & { ChangeType: ContactChangeType; UserID: string; ExternalUserID: string },
  callback: { id: number; dedupeKey: string },
): Promise<void> {
  const change = m.ChangeType
  const deletedBy = change === 'del_external_contact' ? 'staff' : change === 'del_follow_user' ? 'customer' : null
  // A handover moves the customer to another member: gone from this member's list, but not their deletion.
  const byTransfer = change === 'del_external_contact' && m.Source === 'DELETE_BY_TRANSFER'
  const fetched = deletedBy ? undefined : await fetchDetails(ctx, client, m.ExternalUserID, m.UserID)
  const at = new Date(Number(m.CreateTime) * 1000).toISOString()
  const now = ctx.now().toISOString()
  const p = fetched?.profile
  const f = fetched?.follow
  const details: Updateable<Database['wecom_contacts']> = p
    ? {
        name: p.name,
        avatar: p.avatar,
        type: p.type,
        corp_name: p.corp_name ?? null,
        gender: p.gender,
        ...(f
          ? { remark: f.remark || null, add_way: f.add_way, add_time: new Date(f.createtime * 1000).toISOString() }
          : {}),
        ...(f?.state ? { state: f.state } : {}),
      }
    : {}
  const update: Updateable<Database['wecom_contacts']> = {
    ...details,
    ...(m.State && !f?.state ? { state: m.State } : {}),
    ...(deletedBy
      ? { deleted_at: at, deleted_by: deletedBy }
      : change === 'edit_external_contact'
        ? {}
        : { deleted_at: null, deleted_by: null }),
    updated_at: now,
  }
  // An add or edit whose relation is already gone at WeCom: the event is the only fact left.
  const gone = !deletedBy && !fetched
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // A delete only ends a relation stored here, never creates one: a row made from it would be an add at the
    // deletion's time that never happened then (counted in that period's adds). The event is kept either way.
    // A transfer's delete likewise: the handover feature moves the relation to the successor on the takeover.
    if (deletedBy) await updateRelation(trx, m.UserID, m.ExternalUserID, update)
    else if (!gone)
      await upsertRelation(
        trx,
        {
          staff_userid: m.UserID,
          external_userid: m.ExternalUserID,
          name: p?.name ?? '',
          avatar: p?.avatar ?? '',
          type: p?.type ?? 1,
          corp_name: p?.corp_name ?? null,
          gender: p?.gender ?? 0,
          add_time: f ? new Date(f.createtime * 1000).toISOString() : at,
          add_way: f?.add_way ?? 0,
          state: f?.state || m.State || null,
          remark: f?.remark || null,
          deleted_at: null,
          deleted_by: null,
          updated_at: now,
        },
        update,
      )
    if (f && !gone)
      await reportRelationTags(ctx, trx, [
        {
          staffUserid: m.UserID,
          externalUserid: m.ExternalUserID,
          tagIds: corpTagIdsOf(f.tags),
        },
      ])
    await appendEvent(trx, {
      type: byTransfer ? 'contact_transferred' : CONTACT_CHANGES[change],
      staffUserid: m.UserID ?? null,
      externalUserid: m.ExternalUserID ?? null,
      refId: null,
      occurredAt: new Date(at),
      source: 'callback',
      dedupeKey: callback.dedupeKey,
      payload: {
        changeType: change,
        deletedBy: byTransfer ? 'transfer' : deletedBy,
        state: m.State,
        source: m.Source,
        ...(gone ? { relationGone: true } : {}),
      },
    })
    await markCallbackProcessed(trx, callback.id, now)
  })
}
