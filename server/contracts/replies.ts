import { z } from 'zod'
import { SegmentSchema } from './contacts.js'
import { ContentTopicSchema, TOPIC_LABELS, type ContentTopic } from './content.js'
import { ComplianceFindingSchema, ReviewInfoSchema, ReviewStatusSchema } from './review.js'
import { RiskLevelSchema } from './risk-level-schema.js'
import { ExternalUserIdSchema } from './verification.js'

// Q&A entries use the same topics (and labels) as the content library.
export const QaTopicSchema = ContentTopicSchema
export type QaTopic = ContentTopic
export const QA_TOPICS = ContentTopicSchema.options
export { TOPIC_LABELS }

/** The standard 风险提示 per investment topic; the console prefills it and the seed uses it. */
export const DEFAULT_DISCLAIMERS: Partial<Record<QaTopic, string>> = {
  fund: '基金有风险，投资须谨慎。过往业绩不代表未来表现。',
  gold: '贵金属价格波动较大，投资须谨慎。',
  fx: '汇率波动可能带来损失，请按真实需求办理。',
  insurance: '保险产品由保险公司承保，不是存款，请仔细阅读保险条款。',
  wealth: '理财非存款，产品有风险，投资须谨慎。',
}

const ChatIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, '不是有效的群聊 ID')
const Question = z.string().trim().min(2, '问题至少 2 个字').max(500, '问题不能超过 500 字')
const AnswerText = z.string().trim().min(2, '答案至少 2 个字').max(2000, '答案不能超过 2000 字')
const Disclaimer = z
  .string()
  .trim()
  .max(300, '风险提示不能超过 300 字')
  .nullish()
  .transform((v) => v || null)
const Id = z.coerce.number().int().positive()
const Tags = z.array(z.string().trim().min(1).max(20, '标签不能超过 20 字')).max(10, '标签最多 10 个').default([])

/** Where the sidebar is: a single chat (contact) or a group chat. */
export const ChatTarget = z.object({ externalUserId: ExternalUserIdSchema.optional(), chatId: ChatIdSchema.optional() })

// ---- sidebar ----

export const SuggestionsQuery = ChatTarget.extend({
  q: z.string().trim().min(1, '请输入客户的问题').max(500, '问题不能超过 500 字'),
})

export const TopicGuessQuery = SuggestionsQuery.pick({ q: true })
/** The topic 问中台 pre-selects: what the question asks about (issue 18: not the customer's holdings). */
export const TopicGuessSchema = z.object({ topic: QaTopicSchema })

export const ReplySuggestionSchema = z.object({
  id: z.number().int(),
  question: z.string(),
  answer: z.string(),
  disclaimer: z.string().nullable(),
  topic: QaTopicSchema,
  tags: z.array(z.string()),
  approvalNo: z.string().nullable(),
  validUntil: z.string().nullable(),
  /** 0–1, for ordering and a relevance hint; not a probability. */
  score: z.number(),
  /** Why it ranks here, in Chinese (契合客户情况：基金, 近 180 天发送 12 次). */
  reasons: z.array(z.string()),
})
export type ReplySuggestion = z.infer<typeof ReplySuggestionSchema>

/** The contact's non-sensitive context: never name, phone or amounts. */
export const ContactReplyContextSchema = z.object({
  segment: SegmentSchema.nullable(),
  holdingTypes: z.array(z.string()),
  riskLevel: RiskLevelSchema.nullable(),
  /** Topics the contact's holdings and segment point to, best first. */
  topics: z.array(QaTopicSchema),
})
export type ContactReplyContext = z.infer<typeof ContactReplyContextSchema>
export const ContextQuery = z.object({ externalUserId: ExternalUserIdSchema })

export const PrepareReplyBody = ChatTarget.extend({
  qaItemId: Id.optional(),
  escalationId: Id.optional(),
  /** The answer body as the manager will send it (edited or not); the disclaimer is appended by the server. */
  text: AnswerText,
}).refine((b) => (b.qaItemId === undefined) !== (b.escalationId === undefined), {
  message: '须指定话术条目或问中台答复之一',
  path: ['qaItemId'],
})

export const PreparedReplySchema = z.object({
  id: z.string(),
  /** Exactly what to put in the chat: body plus 风险提示. */
  text: z.string(),
  edited: z.boolean(),
  findings: z.array(ComplianceFindingSchema),
})
export type PreparedReply = z.infer<typeof PreparedReplySchema>

export const UseParams = z.object({ id: z.uuid('发送记录不存在') })

export const UrgencySchema = z.enum(['normal', 'urgent'])
export const CreateEscalationBody = ChatTarget.extend({
  question: Question,
  topic: QaTopicSchema,
  urgency: UrgencySchema.default('normal'),
  note: z
    .string()
    .trim()
    .max(300, '补充说明不能超过 300 字')
    .nullish()
    .transform((v) => v || null),
})

export const EscalationStatusSchema = z.enum(['open', 'claimed', 'answered'])
export type EscalationStatus = z.infer<typeof EscalationStatusSchema>

/** An escalation as the asking manager sees it. */
export const MyEscalationSchema = z.object({
  id: z.number().int(),
  question: z.string(),
  topic: QaTopicSchema,
  urgency: UrgencySchema,
  status: EscalationStatusSchema,
  createdAt: z.string(),
  slaDueAt: z.string(),
  claimedByName: z.string().nullable(),
  answer: z.string().nullable(),
  disclaimer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  /** Sent to the customer at least once. */
  used: z.boolean(),
})
export type MyEscalation = z.infer<typeof MyEscalationSchema>

export const SLA_TEXT = '工作日 2 小时内答复，紧急问题 30 分钟内'

// ---- console: escalations ----

export const InboxQuery = z.object({ status: z.enum(['open', 'answered', 'all']).default('open') })

export const InboxEscalationSchema = MyEscalationSchema.extend({
  staffName: z.string(),
  branchName: z.string(),
  context: ContactReplyContextSchema.nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
  promotedQaId: z.number().int().nullable(),
  /** Times the answer was sent afterwards: directly, and through the promoted Q&A entry. */
  uses: z.number().int(),
})
export type InboxEscalation = z.infer<typeof InboxEscalationSchema>

export const AnswerBody = z.object({ answer: AnswerText, disclaimer: Disclaimer })
export const PromoteBody = z.object({
  question: Question.optional(),
  alternatives: z.array(Question).max(10).default([]),
  tags: Tags,
})

export const MetricsQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) })

export const EscalationMetricsSchema = z.object({
  days: z.number().int(),
  total: z.number().int(),
  byTopic: z.array(z.object({ topic: QaTopicSchema, count: z.number().int() })),
  answered: z.number().int(),
  medianMinutesToAnswer: z.number().nullable(),
  slaBreaches: z.number().int(),
  promoted: z.number().int(),
  /** Answers of the period, most used first. */
  answerUse: z.array(
    z.object({
      id: z.number().int(),
      question: z.string(),
      uses: z.number().int(),
      promotedQaId: z.number().int().nullable(),
    }),
  ),
})
export type EscalationMetrics = z.infer<typeof EscalationMetricsSchema>

// ---- console: Q&A library ----

export const QaItemBody = z.object({
  question: Question,
  alternatives: z.array(Question).max(10, '相似问法最多 10 条').default([]),
  answer: AnswerText,
  disclaimer: Disclaimer,
  topic: QaTopicSchema,
  tags: Tags,
})
export type QaItemInput = z.infer<typeof QaItemBody>

export const QaItemSchema = z.object({
  id: z.number().int(),
  question: z.string(),
  alternatives: z.array(z.string()),
  answer: z.string(),
  disclaimer: z.string().nullable(),
  topic: QaTopicSchema,
  tags: z.array(z.string()),
  review: ReviewInfoSchema,
  sourceEscalationId: z.number().int().nullable(),
  /** Approved and inside its validity window: suggested in the sidebar. */
  live: z.boolean(),
})
export type QaItem = z.infer<typeof QaItemSchema>

export const QaListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: ReviewStatusSchema.optional(),
  topic: QaTopicSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export const QaImportErrorSchema = z.object({
  /** Spreadsheet row number (the header is row 1). */
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
})
export type QaImportError = z.infer<typeof QaImportErrorSchema>
export const QaImportResultSchema = z.object({
  created: z.number().int(),
  /** Non-blocking compliance notes per row; blocking ones are fixed before submitting for review. */
  warnings: z.array(QaImportErrorSchema),
})
export type QaImportResult = z.infer<typeof QaImportResultSchema>

// ---- console: search lexicon (issue 18) ----

export const QaLexiconKindSchema = z.enum(['word', 'synonyms'])
/** A domain word (积存金) or a synonym group (美元 美金 刀), words separated by spaces, commas or 、. */
export const QaLexiconBody = z.object({
  kind: QaLexiconKindSchema,
  words: z.string().trim().min(2, '至少 2 个字').max(200, '不能超过 200 字'),
})
export const QaLexiconEntrySchema = z.object({
  id: z.number().int(),
  kind: QaLexiconKindSchema,
  words: z.array(z.string()),
  createdAt: z.string(),
})
export type QaLexiconEntry = z.infer<typeof QaLexiconEntrySchema>

// ---- learning loop (issue 18) ----

export const ReplyFeedbackBody = z.object({
  qaItemId: Id,
  helpful: z.boolean(),
  question: z.string().trim().min(1).max(500),
})
/** A question without an answer, customer details masked, with how often it was asked. */
export const UnansweredQuestionSchema = z.object({
  question: z.string(),
  count: z.number().int(),
  lastAskedAt: z.string(),
  source: z.enum(['no-result', 'escalation']),
})
export type UnansweredQuestion = z.infer<typeof UnansweredQuestionSchema>
