/** What WeCom reports for one customer of a handover we asked for. `rejected`: WeCom refused the request itself. */
export type TransferStatus = 'waiting' | 'accepted' | 'refused' | 'limit_reached' | 'rejected' | 'no_record'

export interface HandoverTransfersTable {
  id: number
  /** `onjob` 在职转接, `resigned` 离职继承 */
  kind: 'onjob' | 'resigned'
  handover_userid: string
  takeover_userid: string
  external_userid: string
  status: TransferStatus
  /** WeCom's per-customer errcode when it refused the request (40128 too frequent, 40129 in progress, …) */
  errcode: number | null
  /** When the takeover happened, or (while waiting) when it will */
  takeover_at: string | null
  message: string | null
  requested_by: string
  requested_at: string
  checked_at: string | null
  /** When the relation was moved to the successor in our mirror */
  applied_at: string | null
}

/** Who held a customer relation when: one row per holder, `to_at` null while it lasts. */
export interface RelationOwnersTable {
  id: number
  external_userid: string
  owner_userid: string
  from_at: string
  to_at: string | null
  how: 'added' | 'handover' | 'resigned'
}

type WithId<T extends { id: number }> = Omit<T, 'id'> & { id: import('kysely').Generated<number> }

export interface HandoverTables {
  handover_transfers: WithId<HandoverTransfersTable>
  relation_owners: WithId<RelationOwnersTable>
}
