import { z } from 'zod'

/** Shared by every reviewed library (content items, Q&A items). */
export const ReviewStatusSchema = z.enum(['draft', 'in_review', 'approved', 'rejected', 'retired'])
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>

export const ComplianceFindingSchema = z.object({
  code: z.enum(['BANNED_PHRASE', 'PROHIBITED_CLAIM', 'YIELD_PROMISE', 'MISSING_DISCLAIMER', 'LINK_NOT_ALLOWED']),
  severity: z.enum(['block', 'warn']),
  /** The input field the finding belongs to, e.g. `body`, `disclaimer`, `link`. */
  field: z.string(),
  message: z.string(),
  excerpt: z.string().optional(),
  /** Which rule, its category (principal_safety, guaranteed_yield, …) and the regulation it comes from. */
  ruleId: z.string().optional(),
  category: z.string().optional(),
  source: z.string().optional(),
  /** Offsets of the offending span in the field's original text. */
  start: z.number().int().optional(),
  end: z.number().int().optional(),
})
export type ComplianceFindingDto = z.infer<typeof ComplianceFindingSchema>

/** The workflow block every reviewed item carries. */
export const ReviewInfoSchema = z.object({
  status: ReviewStatusSchema,
  version: z.number().int(),
  rootId: z.number().int(),
  authorStaffId: z.string(),
  authorName: z.string().nullable(),
  reviewerName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvalNo: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  retiredAt: z.string().nullable(),
  retiredReason: z.string().nullable(),
  updatedAt: z.string(),
})
export type ReviewInfo = z.infer<typeof ReviewInfoSchema>

const BeijingDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' })

/** Validity in Beijing calendar days: from the start of `validFrom` (default today) to the end of `validUntil`. */
export const ApproveBody = z.object({ validFrom: BeijingDate.optional(), validUntil: BeijingDate })
export const RejectBody = z.object({ reason: z.string().trim().min(2, '请填写驳回原因').max(500, '原因过长') })
export const RetireBody = z.object({ reason: z.string().trim().min(2, '请填写下架原因').max(500, '原因过长') })

export const IdParams = z.object({ id: z.coerce.number().int().positive('ID 不正确') })

/** A proposal to the compliance lexicon; it takes effect once a different reviewer approves it. */
export const BannedPhraseBody = z.object({
  phrase: z.string().trim().min(2, '违规用语至少 2 个字').max(20, '违规用语最多 20 个字'),
  severity: z.enum(['block', 'warn']).default('block'),
  note: z.string().trim().max(200).optional(),
  /** Rule category shown with findings, e.g. principal_safety, guaranteed_yield. */
  category: z.string().trim().max(40).optional(),
  explanation: z.string().trim().max(200).optional(),
  /** The regulation, e.g. 《广告法》第九条. */
  source: z.string().trim().max(100).optional(),
})
export const LexiconStatusSchema = z.enum(['proposed', 'active', 'rejected', 'retired'])
export const BannedPhraseSchema = z.object({
  id: z.number(),
  phrase: z.string(),
  severity: z.enum(['block', 'warn']),
  note: z.string().nullable(),
  createdAt: z.string(),
  status: LexiconStatusSchema.optional(),
  category: z.string().nullable().optional(),
  explanation: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
  createdBy: z.string().nullable().optional(),
  decidedBy: z.string().nullable().optional(),
  decidedAt: z.string().nullable().optional(),
})
export type BannedPhrase = z.infer<typeof BannedPhraseSchema>

export const AllowedHostBody = z.object({
  host: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, '请输入域名，如 www.example.com'),
})
export const HostParams = AllowedHostBody

/** Dry-run of the checks while editing, so findings show inline before submitting. */
export const ComplianceCheckBody = z.object({
  fields: z.record(z.string(), z.string().max(20_000)),
  topic: z.string().max(20),
  links: z.array(z.string().max(2000)).max(20).optional(),
  disclaimer: z.string().max(2000).nullable().optional(),
})

export const FindingsSchema = z.object({ findings: z.array(ComplianceFindingSchema) })
export const ApprovalSchema = z.object({ approvalNo: z.string() })
export const BannedPhraseListSchema = z.object({
  phrases: z.array(BannedPhraseSchema),
  /** Built-in rules version + approved lexicon revision, e.g. `r1.3`; every check records it. */
  lexiconVersion: z.string().optional(),
})
/** Outbound paths as the audit trail names them. */
export const OutboundPathSchema = z.enum([
  'content_items.submit',
  'qa_items.submit',
  'welcome_messages.submit',
  'welcome.send',
  'content.send',
  'reply.send',
  'escalation.answer',
  'task.create',
  'task.approve',
])
/** One outbound text in the audit trail. */
export const OutboundCheckSchema = z.object({
  id: z.number(),
  checkedAt: z.string(),
  staffId: z.string().nullable(),
  path: OutboundPathSchema,
  refId: z.string().nullable(),
  text: z.string(),
  blocked: z.boolean(),
  findings: z.array(ComplianceFindingSchema),
  lexiconVersion: z.string(),
})
export const OutboundChecksSchema = z.object({ checks: z.array(OutboundCheckSchema) })
export const OutboundChecksQuery = z.object({
  blocked: z.enum(['1', '0']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export const AllowlistSchema = z.object({ hosts: z.array(z.string()), builtIn: z.string() })
