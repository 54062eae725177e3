import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** Blanks the personal fields of the contact rows; returns how many still had them. */
export async function eraseContactFields(trx: Q, ids: string[], erasedName: string): Promise<number> {
  const r = await trx
    .updateTable('wecom_contacts')
    .set({ name: erasedName, avatar: '', remark: null, corp_name: null, state: null })
    .where('external_userid', 'in', ids)
    .where('name', '!=', erasedName)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function eraseVerificationIps(trx: Q, ids: string[]): Promise<number> {
  const r = await trx
    .updateTable('verifications')
    .set({ client_ip: null })
    .where('external_userid', 'in', ids)
    .where('client_ip', 'is not', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** Empties the payloads of events already counted in the rollups; the rest is still to be counted. */
export async function eraseRolledUpPayloads(trx: Q, ids: string[]): Promise<number> {
  const r = await trx
    .updateTable('events')
    .set({ payload: '{}' })
    .where('external_userid', 'in', ids)
    .where('payload', '!=', '{}')
    .where('rolled_up', '=', 1)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** Raw callbacks naming the person; only processed ones (the rest is still to be applied). */
export async function removeCallbacks(trx: Q, ids: string[]): Promise<number> {
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
