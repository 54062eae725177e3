import type { Insertable } from 'kysely'
import type { Database } from '../../db/database.js'

/** Insertable row of each seeded table. */
export type Row<T extends keyof Database> = Insertable<Database[T]>

export type BranchRow = Row<'branches'>
export type StaffRow = Row<'staff'> & { wecom_userid: string }
export type CustomerRow = Row<'customers'>
/** A generated customer before its phone and ID number are sealed for storage. */
export type PlainCustomerRow = Omit<
  CustomerRow,
  'phone_enc' | 'phone_hash' | 'id_no_enc' | 'id_no_hash' | 'pii_key_id'
> & { phone: string; id_no: string }
export type HoldingRow = Row<'holdings'>
export type SimPersonRow = Row<'sim_people'>
export type SimFollowRow = Row<'sim_follows'>
export type ContactRow = Row<'wecom_contacts'>
export type BindingRow = Row<'bindings'>
export type EventRow = Row<'events'>
