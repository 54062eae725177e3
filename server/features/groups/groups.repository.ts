import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'

type Q = Kysely<Database>

/** The segment of each of these customers. */
export async function listSegmentsOfCustomers(db: Q, cifNos: string[]) {
  return db.selectFrom('customers').select(['cif_no', 'segment']).where('cif_no', 'in', cifNos).execute()
}

/** Which of these contacts the manager has a live relation with (unless the manager deleted it). */
export async function listLiveContactIdsAmong(db: Q, staffUserid: string, ids: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('wecom_contacts')
    .select('external_userid')
    .where('staff_userid', '=', staffUserid)
    .where('external_userid', 'in', ids)
    .where((eb) => eb.or([eb('deleted_by', 'is', null), eb('deleted_by', '=', 'customer')]))
    .execute()
  return rows.map((r) => r.external_userid)
}

/** The name of the staff member with this WeCom userid, active or not. */
export async function findStaffNameByUserid(db: Q, userid: string): Promise<{ name: string } | undefined> {
  return db.selectFrom('staff').select('name').where('wecom_userid', '=', userid).executeTakeFirst()
}
