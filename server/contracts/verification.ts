import { z } from 'zod'

export const VerificationStatusSchema = z.enum(['none', 'sent', 'opened', 'verified', 'failed', 'expired'])
export type ContactVerificationStatus = z.infer<typeof VerificationStatusSchema>

export const ExternalUserIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, '不是有效的企业微信客户 ID')

export const CreateVerificationBody = z.object({ externalUserId: ExternalUserIdSchema })

export const CreatedVerificationSchema = z.object({
  id: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  /** The news card the sidebar sends with sendChatMessage. */
  card: z.object({ title: z.string(), desc: z.string(), imgUrl: z.string() }),
})
export type CreatedVerification = z.infer<typeof CreatedVerificationSchema>

export const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, '链接无效') })

/** What the customer's page may know: the state and the manager's display name, nothing about the customer. */
export const PublicVerificationSchema = z.object({
  state: z.enum(['open', 'verified', 'expired', 'locked']),
  managerName: z.string(),
  branchName: z.string(),
  expiresAt: z.string(),
  /** Seconds until another SMS code may be requested (0 = now). */
  resendInSec: z.number().int(),
  /** A code was sent and is still valid: after a reload the page can go straight to 提交认证. */
  codeActive: z.boolean(),
})
export type PublicVerification = z.infer<typeof PublicVerificationSchema>

export const PhoneSchema = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号')

export const RequestSmsBody = z.object({
  name: z.string().trim().min(2, '请输入姓名').max(30, '姓名过长'),
  phone: PhoneSchema,
  consent: z.literal(true, { error: '请先阅读并同意个人信息授权' }),
})

export const ConfirmBody = z.object({ code: z.string().regex(/^\d{6}$/, '请输入 6 位验证码') })

export const ConfirmedSchema = z.object({ status: z.literal('verified'), managerName: z.string() })
