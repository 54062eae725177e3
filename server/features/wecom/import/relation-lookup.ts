import type { AppContext } from '../../../lib/context.js'
import { createWecomClient, type WecomClient } from '../wecom-client.js'
import { logWecomFailure } from '../wecom-failures.js'
import { upsertRelations } from './relation-upsert.js'

const EXTERNAL_USERID = /^w[mo][A-Za-z0-9_-]{8,62}$/

// A person is waiting: one quick try, no backoff between retries (the nightly reconciliation catches up).
const quick = new WeakMap<AppContext, WecomClient>()
function quickClient(ctx: AppContext): WecomClient {
  let client = quick.get(ctx)
  if (!client) quick.set(ctx, (client = createWecomClient(ctx, fetch, { busyBackoffMs: () => 0, timeoutMs: 3000 })))
  return client
}

/**
 * A sidebar miss: the relation may predate the import or its callback may be pending. One
 * externalcontact/get (first page of followers) settles it; the relation is stored when WeCom lists
 * this member. False on any failure — the caller answers "not your contact" as before.
 */
export async function fetchMissingRelation(ctx: AppContext, userid: string, externalUserid: string): Promise<boolean> {
  // Only what can be a customer's external_userid (wm…/wo…) is worth a WeCom call.
  if (!EXTERNAL_USERID.test(externalUserid)) return false
  try {
    const r = await quickClient(ctx).getExternalContact(externalUserid)
    const follow = r.follow_user.find((f) => f.userid === userid)
    if (!follow) return false
    await upsertRelations(ctx.db.kysely, [{ profile: r.external_contact, follow }], ctx.now().toISOString())
    return true
  } catch (err) {
    logWecomFailure(ctx, err, 'externalcontact/get (sidebar miss)')
    return false
  }
}
