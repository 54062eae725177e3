import type { Insertable } from 'kysely'
import type { Database } from '../../db/database.js'

/** Insertable row of each seeded table. */
export type Row<T extends keyof Database> = Insertable<Database[T]>

export type BranchRow = Row<'branches'>
export type StaffRow = Row<'staff'> & { wecom_userid: string }
export type CustomerRow = Row<'customers'>
export type HoldingRow = Row<'holdings'>
export type SimPersonRow = Row<'sim_people'>
export type SimFollowRow = Row<'sim_follows'>
export type ContactRow = Row<'wecom_contacts'>
export type BindingRow = Row<'bindings'>
export type EventRow = Row<'events'>
