import { sql, type Kysely } from 'kysely'
import type { ErasureBodyT, ErasureResult } from '../../contracts/privacy.js'
import type { Database } from '../../db/database.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { refreshRollups } from '../process/index.js'

/** What an erased contact is called from now on, in every list that shows contacts. */
export const ERASED_NAME = '已删除客户'

async function externalIdsOf(db: Kysely<Database>, body: ErasureBodyT): Promise<string[]> {
  if (body.externalUserId) return [body.externalUserId]
  const rows = await db
    .selectFrom('bindings')
    .select('external_userid')
    .distinct()
    .where('cif_no', '=', body.cifNo!)
    .execute()
  return rows.map((r) => r.external_userid)
}

/** Raw callbacks naming the person; only processed ones (the rest is still to be applied). */
async function removeCallbacks(trx: Kysely<Database>, ids: string[]): Promise<number> {
  let removed = 0
  for (const id of ids) {
    const pattern = `%${id.replace(/[!%_]/g, '!$&')}%`
    const res = await trx
      .deleteFrom('wecom_callbacks')
      .where('processed_at', 'is not', null)
      .where(sql<boolean>`payload like ${pattern} escape '!'`)
      .executeTakeFirst()
    removed += Number(res.numDeletedRows)
  }
  return removed
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
      const bindings = trx.deleteFrom('bindings').where('external_userid', 'in', ids)
      result.bindingsRemoved = Number(
        (await (body.cifNo ? bindings.where('cif_no', '=', body.cifNo) : bindings).executeTakeFirst()).numDeletedRows,
      )
      result.contactsErased = Number(
        (
          await trx
            .updateTable('wecom_contacts')
            .set({ name: ERASED_NAME, avatar: '', remark: null, corp_name: null, state: null })
            .where('external_userid', 'in', ids)
            .where('name', '!=', ERASED_NAME)
            .executeTakeFirst()
        ).numUpdatedRows,
      )
      result.verificationsErased = Number(
        (
          await trx
            .updateTable('verifications')
            .set({ client_ip: null })
            .where('external_userid', 'in', ids)
            .where('client_ip', 'is not', null)
            .executeTakeFirst()
        ).numUpdatedRows,
      )
      // Rolled up already (see above), so the payload is no longer needed for any count.
      result.eventsErased = Number(
        (
          await trx
            .updateTable('events')
            .set({ payload: '{}' })
            .where('external_userid', 'in', ids)
            .where('payload', '!=', '{}')
            .where('rolled_up', '=', 1)
            .executeTakeFirst()
        ).numUpdatedRows,
      )
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
