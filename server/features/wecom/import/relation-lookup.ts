import type { AppContext } from '../../../lib/context.js'
import { getWecomClient } from '../wecom-client.js'
import { logWecomFailure } from '../wecom-failures.js'
import { upsertRelations } from './relation-upsert.js'

/**
 * A sidebar miss: the relation may predate the import or its callback may be pending. One
 * externalcontact/get (first page of followers) settles it; the relation is stored when WeCom lists
 * this member. False on any failure — the caller answers "not your contact" as before.
 */
export async function fetchMissingRelation(ctx: AppContext, userid: string, externalUserid: string): Promise<boolean> {
  try {
    const r = await getWecomClient(ctx).getExternalContact(externalUserid)
    const follow = r.follow_user.find((f) => f.userid === userid)
    if (!follow) return false
    await upsertRelations(ctx.db.kysely, [{ profile: r.external_contact, follow }], ctx.now().toISOString())
    return true
  } catch (err) {
    logWecomFailure(ctx, err, 'externalcontact/get (sidebar miss)')
    return false
  }
}
