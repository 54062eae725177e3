/** The app's copy of WeCom's corp tag catalogue: one row per tag, with its group (deleted tags kept). */
export interface CorpTagsTable {
  tag_id: string
  group_id: string
  group_name: string
  name: string
  /** WeCom's order: larger first. bigint (WeCom allows up to 2^32 − 1), so pg returns a string. */
  group_order: number | string
  tag_order: number | string
  /** 1 when WeCom no longer lists it (or reports it deleted). */
  deleted: number
  synced_at: string
}

/** The corp tags one member has put on one customer (follow_user[].tags of type 1). */
export interface ContactTagsTable {
  staff_userid: string
  external_userid: string
  tag_id: string
  updated_at: string
}
