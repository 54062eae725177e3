import type { Kysely } from 'kysely'
import type { ErasureBodyT, ErasureResult } from '../../contracts/privacy.js'
import type { Database } from '../../db/database.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { refreshRollups } from '../process/index.js'
import { deleteBindings, externalIdsBoundTo } from '../verification/index.js'
import {
  eraseContactFields,
  eraseRolledUpPayloads,
  eraseVerificationIps,
  removeCallbacks,
} from './erasure.repository.js'

/** What an erased contact is called from now on, in every list that shows contacts. */
export const ERASED_NAME = '已删除客户'

async function externalIdsOf(db: Kysely<Database>, body: ErasureBodyT): Promise<string[]> {
  if (body.externalUserId) return [body.externalUserId]
  return externalIdsBoundTo(db, body.cifNo!)
}

/**
 * Erases one person's WeCom data on request (PIPL): their bindings, the personal fields of their
 * contact rows, of their verifications and of their events' payloads, and the raw callbacks naming
 * them. Counts survive: events keep their type, time and staff, and the rollups are brought up to
 * date first so nothing erased was still to be counted. One transaction, audited; a second call finds nothing left.
 */
export async function erasePerson(
  db: Kysely<Database>,
  admin: SessionStaff,
  body: ErasureBodyT,
  now: Date,
): Promise<ErasureResult> {
  await refreshRollups(db)
  return db.transaction().execute(async (trx) => {
    const ids = await externalIdsOf(trx, body)
    const result: ErasureResult = {
      externalUserIds: ids,
      bindingsRemoved: 0,
      contactsErased: 0,
      verificationsErased: 0,
      eventsErased: 0,
      callbacksRemoved: 0,
    }
    if (ids.length) {
      result.bindingsRemoved = await deleteBindings(trx, ids, body.cifNo)
      result.contactsErased = await eraseContactFields(trx, ids, ERASED_NAME)
      result.verificationsErased = await eraseVerificationIps(trx, ids)
      // Rolled up already (see above), so the payload is no longer needed for any count.
      result.eventsErased = await eraseRolledUpPayloads(trx, ids)
      result.callbacksRemoved = await removeCallbacks(trx, ids)
    }
    const target = body.cifNo ? `customer:${body.cifNo}` : `contact:${body.externalUserId}`
    await recordAudit(
      trx,
      {
        actorStaffId: admin.id,
        action: 'privacy.erasure',
        target,
        outcome: 'allowed',
        detail: { ...result, externalUserIds: ids.length },
      },
      now,
    )
    return result
  })
}
