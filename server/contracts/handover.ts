import { z } from 'zod'

export const TransferKind = z.enum(['onjob', 'resigned'])
export const TransferStatus = z.enum(['waiting', 'accepted', 'refused', 'limit_reached', 'rejected', 'no_record'])
export type TransferStatus = z.infer<typeof TransferStatus>

export const HandoverStaffSchema = z.object({
  userid: z.string(),
  name: z.string(),
  branchName: z.string(),
  active: z.boolean(),
  customers: z.number(),
})
export const HandoverStaffListSchema = z.object({ items: z.array(HandoverStaffSchema) })
export type HandoverStaff = z.infer<typeof HandoverStaffSchema>

export const HandoverCustomerSchema = z.object({
  externalUserId: z.string(),
  name: z.string(),
  segment: z.string().nullable(),
  /** The CRM owner's WeCom userid: the suggested successor. */
  crmOwnerUserid: z.string().nullable(),
  crmOwnerName: z.string().nullable(),
  /** 在职转接 of this customer in the last 90 days that WeCom counts (at most 2 allowed). */
  transfersIn90Days: z.number(),
  status: TransferStatus.nullable(),
})
export const HandoverCustomersQuery = z.object({
  handover: z.string().min(1).max(64),
  segment: z.enum(['private', 'wealth', 'vip', 'payroll', 'mass']).optional(),
})
export const HandoverCustomerListSchema = z.object({ items: z.array(HandoverCustomerSchema) })
export type HandoverCustomer = z.infer<typeof HandoverCustomerSchema>

export const StartHandoverBody = z.object({
  kind: TransferKind,
  handoverUserid: z.string().min(1).max(64),
  takeoverUserid: z.string().min(1).max(64),
  externalUserIds: z.array(z.string().min(1).max(64)).min(1, '请至少选择一位客户').max(1000),
  message: z.string().trim().max(200, '转接提示语最多 200 字').optional(),
})
export type StartHandoverBody = z.infer<typeof StartHandoverBody>

export const TransferSchema = z.object({
  id: z.number(),
  kind: TransferKind,
  handoverUserid: z.string(),
  handoverName: z.string(),
  takeoverUserid: z.string(),
  takeoverName: z.string(),
  externalUserId: z.string(),
  customerName: z.string(),
  status: TransferStatus,
  /** Why WeCom refused the request, in Chinese (only for `rejected`). */
  reason: z.string().nullable(),
  takeoverAt: z.string().nullable(),
  requestedAt: z.string(),
})
export const TransferListSchema = z.object({ items: z.array(TransferSchema) })
export type Transfer = z.infer<typeof TransferSchema>

export const StartHandoverResultSchema = z.object({
  requested: z.number(),
  rejected: z.number(),
  items: z.array(TransferSchema),
})

export const HandoverProposalSchema = z.object({
  externalUserId: z.string(),
  customerName: z.string(),
  holderUserid: z.string(),
  holderName: z.string(),
  crmOwnerUserid: z.string(),
  crmOwnerName: z.string(),
  /** When the CRM import or sync applied the owner change that proposed it; null when no change was recorded. */
  proposedAt: z.string().nullable(),
})
export const HandoverProposalListSchema = z.object({ items: z.array(HandoverProposalSchema) })
export type HandoverProposal = z.infer<typeof HandoverProposalSchema>

export const DismissProposalsBody = z.object({
  externalUserIds: z.array(z.string().min(1).max(64)).min(1, '请至少选择一位客户').max(500),
})
export const DismissProposalsResultSchema = z.object({ dismissed: z.number() })

export const RefreshResultSchema = z.object({ checked: z.number(), applied: z.number() })

/** A customer group (客户群) a member owns, as a group handover candidate. */
export const HandoverGroupSchema = z.object({
  chatId: z.string(),
  name: z.string(),
  memberCount: z.number(),
})
export const HandoverGroupListSchema = z.object({ items: z.array(HandoverGroupSchema) })
export type HandoverGroup = z.infer<typeof HandoverGroupSchema>
export const HandoverGroupsQuery = z.object({ owner: z.string().min(1).max(64) })

export const TransferGroupsBody = z.object({
  ownerUserid: z.string().min(1).max(64),
  takeoverUserid: z.string().min(1).max(64),
  chatIds: z.array(z.string().min(1).max(64)).min(1, '请至少选择一个客户群').max(1000),
})
export type TransferGroupsBody = z.infer<typeof TransferGroupsBody>
export const TransferGroupsResultSchema = z.object({
  /** `onjob` groupchat/onjob_transfer (owner active), `resigned` groupchat/transfer (owner has left). */
  kind: TransferKind,
  transferred: z.number(),
  failed: z.array(z.object({ chatId: z.string(), errcode: z.number(), reason: z.string() })),
})
export type TransferGroupsResult = z.infer<typeof TransferGroupsResultSchema>
