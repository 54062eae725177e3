import { z } from 'zod'
import { RiskLevelSchema } from './risk-level-schema.js'
import { VerificationStatusSchema } from './verification.js'

export const SegmentSchema = z.enum(['private', 'wealth', 'vip', 'payroll', 'mass'])
export type Segment = z.infer<typeof SegmentSchema>

export const RuleVerdictSchema = z.enum(['pass', 'fail', 'flagged', 'unknown'])

export const AttributionRuleSchema = z.object({
  key: z.enum(['verified', 'has_account', 'in_book', 'first_add', 'out_of_province']),
  label: z.string(),
  verdict: RuleVerdictSchema,
  reason: z.string(),
})
export type AttributionRule = z.infer<typeof AttributionRuleSchema>

export const GamingFlagSchema = z.object({
  key: z.enum(['peer_bank_contact', 'added_by_several_staff', 'add_burst']),
  label: z.string(),
  detail: z.string(),
})

export const ContactProfileSchema = z.object({
  contact: z.object({
    externalUserId: z.string(),
    name: z.string(),
    avatar: z.string(),
    remark: z.string().nullable(),
    type: z.number(),
    corpName: z.string().nullable(),
    addTime: z.string(),
    addWay: z.number(),
    deleted: z.enum(['staff', 'customer']).nullable(),
  }),
  customer: z
    .object({
      cifNo: z.string(),
      name: z.string(),
      /** Always masked (138****5678, 3301**********1234); a supervisor may reveal one field with a reason (`RevealBody`). */
      phone: z.string(),
      idNo: z.string(),
      segment: SegmentSchema,
      aumBand: z.string(),
      riskLevel: RiskLevelSchema.nullable(),
      riskAssessedAt: z.string().nullable(),
      riskExpired: z.boolean(),
      holdings: z.array(z.object({ productType: z.string(), count: z.number(), amountBand: z.string() })),
      maturities: z.array(z.object({ productType: z.string(), maturityDate: z.string() })),
      owner: z.object({ name: z.string(), branchName: z.string() }).nullable(),
      tags: z.array(z.string()),
      hasAccount: z.boolean(),
    })
    .nullable(),
  verification: z.object({
    status: VerificationStatusSchema,
    verifiedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    /** Staff-side reason for a failure (the customer only ever saw a generic message). */
    failureReason: z.string().nullable(),
    timeline: z.array(z.object({ status: VerificationStatusSchema, at: z.string() })),
  }),
  attribution: z.object({
    counts: z.boolean(),
    rules: z.array(AttributionRuleSchema),
    flags: z.array(GamingFlagSchema),
  }),
  lastContacts: z.array(z.object({ type: z.string(), label: z.string(), at: z.string() })),
})
export type ContactProfile = z.infer<typeof ContactProfileSchema>

export const ContactParams = z.object({
  externalUserId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, '不是有效的企业微信客户 ID'),
})

/** Fields a supervisor may reveal, one at a time (JR/T 0171: minimum necessary, each reveal audited). */
export const RevealFieldSchema = z.enum(['phone', 'idNo'])
export type RevealField = z.infer<typeof RevealFieldSchema>
export const REVEAL_FIELD_LABELS: Record<RevealField, string> = { phone: '手机号', idNo: '证件号' }

/** Why a supervisor needs the full number: one of these, and in their own words. */
export const REVEAL_REASONS = {
  complaint: '处理客户投诉或纠纷',
  risk_check: '风险排查或反洗钱核查',
  lost_contact: '联系失联客户',
  inspection: '内部检查或审计',
  other: '其他',
} as const
export type RevealReason = keyof typeof REVEAL_REASONS
export const REVEAL_NOTE_MIN = 6

export const RevealBody = z
  .object({
    field: RevealFieldSchema,
    reason: z.enum(Object.keys(REVEAL_REASONS) as [RevealReason, ...RevealReason[]], { message: '请选择查看原因' }),
    note: z
      .string()
      .trim()
      .min(REVEAL_NOTE_MIN, `请写明具体原因（至少 ${REVEAL_NOTE_MIN} 个字）`)
      .max(200, '原因说明最多 200 个字'),
  })
  .strict()
export type RevealBodyT = z.infer<typeof RevealBody>

export const RevealResultSchema = z.object({ field: RevealFieldSchema, value: z.string() })
export type RevealResult = z.infer<typeof RevealResultSchema>
