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
  /** The `wecom_contacts` row this history belongs to (null only for rows no relation could be matched to). */
  relation_id: number | null
}

export type ProposalStatus = 'open' | 'started' | 'dismissed' | 'settled'

/** A handover proposed when a CRM owner change reached a customer who is someone else's WeCom friend. */
export interface HandoverProposalsTable {
  id: number
  external_userid: string
  cif_no: string
  /** The member holding the WeCom relation (usually the previous CRM owner). */
  holder_userid: string
  /** The new CRM owner's WeCom userid: the suggested successor. */
  crm_owner_userid: string
  previous_owner_staff_id: string | null
  crm_run_id: string
  proposed_at: string
  status: ProposalStatus
  closed_at: string | null
  /** Staff id of the supervisor who dismissed or started it. */
  closed_by: string | null
}

type WithId<T extends { id: number }> = Omit<T, 'id'> & { id: import('kysely').Generated<number> }

export interface HandoverTables {
  handover_transfers: WithId<HandoverTransfersTable>
  relation_owners: WithId<RelationOwnersTable>
  handover_proposals: WithId<HandoverProposalsTable>
}
