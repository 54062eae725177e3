import { z } from 'zod'

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export const FollowupSchema = z.object({
  id: z.number(),
  /** ID and phone numbers are masked when the note is saved. */
  note: z.string(),
  nextOn: z.string().nullable(),
  createdAt: z.string(),
  /** The manager who wrote it (a customer can have notes from a former manager). */
  staffName: z.string(),
  mine: z.boolean(),
})
export type Followup = z.infer<typeof FollowupSchema>

export const FollowupListSchema = z.object({ items: z.array(FollowupSchema) })
export type FollowupList = z.infer<typeof FollowupListSchema>

export const DueFollowupSchema = z.object({
  externalUserId: z.string(),
  name: z.string(),
  nextOn: z.string(),
  note: z.string(),
})
export type DueFollowup = z.infer<typeof DueFollowupSchema>

export const CreateFollowupBody = z.object({
  note: z.string().trim().min(1, '请填写跟进内容').max(500, '跟进内容最多 500 字'),
  nextOn: Day.nullable().optional(),
})
export type CreateFollowup = z.infer<typeof CreateFollowupBody>

export const ConsentChannelSchema = z.enum(['told_manager', 'content_page'])

export const MarketingConsentSchema = z.object({
  /** False until the customer says otherwise: service messages never depend on it. */
  optedOut: z.boolean(),
  channel: ConsentChannelSchema.nullable(),
  at: z.string().nullable(),
})
export type MarketingConsent = z.infer<typeof MarketingConsentSchema>

export const SetConsentBody = z.object({ optedOut: z.boolean() })
