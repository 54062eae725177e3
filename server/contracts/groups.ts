import { z } from 'zod'
import { SegmentSchema } from './contacts.js'
import { VerificationStatusSchema } from './verification.js'

/** A customer group id as WeCom issues it (e.g. `wrOgQhDgAA…`). */
export const GroupParams = z.object({
  chatId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, '不是有效的客户群 ID'),
})

export const GroupExternalMemberSchema = z.object({
  externalUserId: z.string(),
  /** The name WeCom shows; the group nickname when the customer set one. */
  name: z.string(),
  groupNickname: z.string(),
  joinTime: z.string(),
  /** 1 invited directly, 2 via an invite link, 3 scanned the group QR code. */
  joinScene: z.number().nullable(),
  /** Whether this customer is also the viewing manager's own WeCom contact (only then can they be sent a link). */
  isMyContact: z.boolean(),
  verification: z.object({ status: VerificationStatusSchema }),
  /** Set when the contact is bound to a CRM customer: the segment only, nothing else from the CRM. */
  customer: z.object({ segment: SegmentSchema }).nullable(),
})
export type GroupExternalMember = z.infer<typeof GroupExternalMemberSchema>

export const GroupViewSchema = z.object({
  chatId: z.string(),
  name: z.string(),
  owner: z.object({ userid: z.string(), name: z.string() }),
  /** Whether the viewer owns the group (群主) or is one of its members. */
  viewerIsOwner: z.boolean(),
  memberCount: z.number(),
  staffCount: z.number(),
  summary: z.object({ externals: z.number(), verified: z.number(), inProgress: z.number() }),
  externals: z.array(GroupExternalMemberSchema),
})
export type GroupView = z.infer<typeof GroupViewSchema>
