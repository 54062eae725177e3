import { z } from 'zod'

/** Group and tag names: WeCom allows at most 30 characters. */
const TagName = z.string().trim().min(1, '请填写名称').max(30, '名称最多 30 个字')

export const CorpTagSchema = z.object({ id: z.string(), name: z.string() })
export const CorpTagGroupSchema = z.object({
  groupId: z.string(),
  name: z.string(),
  tags: z.array(CorpTagSchema),
})
export type CorpTagGroup = z.infer<typeof CorpTagGroupSchema>

export const TagCatalogueSchema = z.object({
  groups: z.array(CorpTagGroupSchema),
  /** When the catalogue was last read from WeCom; null before the first sync. */
  syncedAt: z.string().nullable(),
})
export type TagCatalogue = z.infer<typeof TagCatalogueSchema>

/** A customer's corp tags as this manager set them (WeCom keeps tags per member and customer). */
export const ContactTagsSchema = z.object({
  tags: z.array(CorpTagSchema.extend({ groupName: z.string() })),
  /** False when WeCom could not be reached and the stored tags are shown. */
  fresh: z.boolean(),
})
export type ContactTags = z.infer<typeof ContactTagsSchema>

export const SetContactTagsBody = z.object({ tagIds: z.array(z.string().min(1).max(64)).max(100) })

export const CreateTagGroupBody = z.object({
  name: TagName,
  tags: z.array(TagName).min(1, '至少添加一个标签').max(50),
})
export const AddTagsBody = z.object({ tags: z.array(TagName).min(1, '至少添加一个标签').max(50) })
export const RenameBody = z.object({ name: TagName })
export const TagIdParams = z.object({ id: z.string().min(1).max(64) })
export const TagSyncResultSchema = z.object({ groups: z.number(), tags: z.number(), syncedAt: z.string() })
