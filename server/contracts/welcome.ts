import { z } from 'zod'
import { ReviewInfoSchema } from './review.js'

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .transform((v) => v || null)
    .nullable()
    .optional()

/** An optional link card sent with the text (WeCom `attachments[].link`). */
export const WelcomeLinkSchema = z.object({
  title: z.string().trim().min(1, '请填写链接标题').max(64, '链接标题最多 64 个字'),
  url: z.url({ protocol: /^https?$/, error: '链接须为 http(s) 地址' }).max(2048, '链接过长'),
  desc: optionalText(128, '链接摘要'),
})

export const WelcomeMessageBody = z.object({
  title: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字'),
  // WeCom: text.content ≤ 4000 bytes; 1000 characters of Chinese stay below it.
  text: z.string().trim().min(2, '欢迎语至少 2 个字').max(1000, '欢迎语最多 1000 个字'),
  /** null = the default for every branch. */
  branchId: z.string().trim().min(1).nullable().default(null),
  link: WelcomeLinkSchema.nullable().default(null),
})
export type WelcomeMessageInput = z.input<typeof WelcomeMessageBody>

export const WelcomeMessageSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  text: z.string(),
  branchId: z.string().nullable(),
  branchName: z.string().nullable(),
  link: z.object({ title: z.string(), url: z.string(), desc: z.string().nullable() }).nullable(),
  /** Approved and inside its validity window: the one new customers receive (per branch, else the default). */
  live: z.boolean(),
  review: ReviewInfoSchema,
})
export type WelcomeMessage = z.infer<typeof WelcomeMessageSchema>

export const WelcomeResultSchema = z.enum(['sent', 'code_used', 'too_late', 'failed', 'no_message'])
export type WelcomeResult = z.infer<typeof WelcomeResultSchema>

export const WelcomeSendSchema = z.object({
  id: z.number().int(),
  staffUserid: z.string(),
  staffName: z.string().nullable(),
  /** Masked: the middle office sees that a customer was greeted, not who. */
  externalUserid: z.string(),
  messageId: z.number().int().nullable(),
  approvalNo: z.string().nullable(),
  result: WelcomeResultSchema,
  errcode: z.number().int().nullable(),
  error: z.string().nullable(),
  attemptedAt: z.string(),
})
export type WelcomeSend = z.infer<typeof WelcomeSendSchema>

export const WelcomeOverviewSchema = z.object({
  messages: z.array(WelcomeMessageSchema),
  sends: z.array(WelcomeSendSchema),
  branches: z.array(z.object({ id: z.string(), name: z.string() })),
})
export type WelcomeOverview = z.infer<typeof WelcomeOverviewSchema>
