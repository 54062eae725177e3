import { z } from 'zod'

/** What each task kind carries; stored as JSON on the task, self-contained (the item's copy is copied in). */
export const MomentPayload = z.object({ itemId: z.number().int().nullable(), text: z.string().min(1).max(2000) })
export const MassSendPayload = z.object({
  itemId: z.number().int().nullable(),
  text: z.string().min(1).max(1300),
  link: z
    .object({ title: z.string().max(128), url: z.string().max(2048), desc: z.string().max(512).optional() })
    .nullable(),
  segments: z.array(z.string()).min(1),
  tagIds: z.array(z.string()).default([]),
})
export const FriendAddPayload = z.object({ perDay: z.number().int().min(1).max(200) })
export const VerificationPayload = z.object({ count: z.number().int().min(1).max(1000) })
export const ReplyPayload = z.object({
  minReplyRate: z.number().min(0).max(100),
  maxReplyMinutes: z.number().min(1).max(1440),
})

export type MassSendPayloadT = z.infer<typeof MassSendPayload>
