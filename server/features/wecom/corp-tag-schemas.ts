import { z } from 'zod'

/** Corp tag catalogue calls (客户标签管理): requests and the reply shapes we rely on. */
const CorpTag = z.looseObject({
  id: z.string(),
  name: z.string(),
  create_time: z.coerce.number().default(0),
  order: z.coerce.number().default(0),
  deleted: z.boolean().default(false),
})
export const CorpTagGroup = z.looseObject({
  group_id: z.string(),
  group_name: z.string(),
  create_time: z.coerce.number().default(0),
  order: z.coerce.number().default(0),
  deleted: z.boolean().default(false),
  tag: z.array(CorpTag).default([]),
})
export type CorpTagGroup = z.infer<typeof CorpTagGroup>

export const CorpTagListReply = z.looseObject({ tag_group: z.array(CorpTagGroup).default([]) })
export const AddCorpTagReply = z.looseObject({ tag_group: CorpTagGroup })
export const EmptyReply = z.looseObject({})

export interface AddCorpTagRequest {
  group_id?: string
  group_name?: string
  order?: number
  tag: { name: string; order?: number }[]
}
export interface EditCorpTagRequest {
  id: string
  name?: string
  order?: number
}
export interface DelCorpTagRequest {
  tag_id?: string[]
  group_id?: string[]
}
export interface MarkTagRequest {
  userid: string
  external_userid: string
  add_tag?: string[]
  remove_tag?: string[]
}
