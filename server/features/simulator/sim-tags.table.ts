/** The simulated corp's tag groups; `created_by_app` marks those our app created through add_corp_tag. */
export interface SimCorpTagGroupsTable {
  group_id: string
  group_name: string
  order: number | string
  /** epoch seconds */
  create_time: number | string
  deleted: number
  created_by_app: number
}

export interface SimCorpTagsTable {
  id: string
  group_id: string
  name: string
  order: number | string
  create_time: number | string
  deleted: number
  created_by_app: number
}
