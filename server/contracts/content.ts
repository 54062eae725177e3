import { z } from 'zod'
import { CalendarDay } from './common.js'
import { RiskLevelSchema } from './risk-level-schema.js'
import { SegmentSchema } from './contacts.js'
import { ComplianceFindingSchema, ReviewInfoSchema, ReviewStatusSchema } from './review.js'
import { ExternalUserIdSchema } from './verification.js'

export const ContentKindSchema = z.enum(['moment', 'text', 'article', 'chart', 'image'])
export type ContentKind = z.infer<typeof ContentKindSchema>
export const ContentTopicSchema = z.enum(['fund', 'gold', 'fx', 'insurance', 'wealth', 'deposit', 'loan', 'general'])
export type ContentTopic = z.infer<typeof ContentTopicSchema>
export { RiskLevelSchema }
export const MarketSymbolSchema = z.enum(['SH000001', 'HSI', 'IXIC', 'N225', 'XAUUSD', 'USDCNY'])
export type MarketSymbol = z.infer<typeof MarketSymbolSchema>

const IMAGE_DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/

/** What the middle office writes; kind-specific fields are checked in `superRefine`. */
export const ContentItemBody = z
  .object({
    kind: ContentKindSchema,
    title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题最多 60 个字'),
    body: z.string().trim().max(5000, '正文最多 5000 字').default(''),
    link: z.string().trim().max(500).url('链接格式不正确').nullable().optional(),
    topic: ContentTopicSchema,
    segments: z.array(SegmentSchema).max(5).default([]),
    minRiskLevel: RiskLevelSchema.nullable().optional(),
    disclaimer: z.string().trim().max(500, '风险提示最多 500 字').nullable().optional(),
    tags: z.array(z.string().trim().min(1).max(12)).max(10).default([]),
    chartSymbol: MarketSymbolSchema.nullable().optional(),
    chartWindowDays: z
      .number()
      .int()
      .min(20, '图表区间至少 20 天')
      .max(1100, '图表区间最多约 3 年')
      .nullable()
      .optional(),
    /** data:image/png|jpeg;base64,… — at most ~180 KB so the JSON body stays under the limit. */
    image: z
      .string()
      .max(250_000, '图片过大，请压缩到 180KB 以内')
      .regex(IMAGE_DATA_URL, '仅支持 PNG 或 JPEG 图片')
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'chart' && (!v.chartSymbol || !v.chartWindowDays))
      ctx.addIssue({ code: 'custom', path: ['chartSymbol'], message: '行情图表需选择指数和区间' })
    if (v.kind === 'image' && !v.image) ctx.addIssue({ code: 'custom', path: ['image'], message: '图片素材需上传图片' })
    if (['text', 'moment', 'article'].includes(v.kind) && v.body.length < 5)
      ctx.addIssue({ code: 'custom', path: ['body'], message: '正文至少 5 个字' })
  })
export type ContentItemInput = z.input<typeof ContentItemBody>

export const ContentItemSchema = z.object({
  id: z.number(),
  kind: ContentKindSchema,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  topic: ContentTopicSchema,
  segments: z.array(SegmentSchema),
  minRiskLevel: RiskLevelSchema.nullable(),
  disclaimer: z.string().nullable(),
  tags: z.array(z.string()),
  chartSymbol: MarketSymbolSchema.nullable(),
  chartWindowDays: z.number().nullable(),
  hasImage: z.boolean(),
  /** Chart items: last data date and whether the chart has gone stale. */
  chartAsOf: z.string().nullable(),
  stale: z.boolean(),
  review: ReviewInfoSchema,
})
export type ContentItem = z.infer<typeof ContentItemSchema>

export const ContentListQuery = z.object({
  status: ReviewStatusSchema.optional(),
  topic: ContentTopicSchema.optional(),
  kind: ContentKindSchema.optional(),
  /** Approved items whose window ends within 7 days. */
  expiring: z.enum(['1']).optional(),
  q: z.string().trim().max(40).optional(),
})

export const ContentDetailSchema = z.object({
  item: ContentItemSchema,
  versions: z.array(
    z.object({
      id: z.number(),
      version: z.number(),
      status: ReviewStatusSchema,
      approvalNo: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  findings: z.array(ComplianceFindingSchema),
})
export type ContentDetail = z.infer<typeof ContentDetailSchema>

export const CsvImportBody = z.object({
  csv: z.string().min(1, '请上传 CSV 文件').max(200_000, 'CSV 过大，请分批导入'),
})
export const CsvRowErrorSchema = z.object({ line: z.number(), message: z.string() })
export type CsvRowError = z.infer<typeof CsvRowErrorSchema>

export const SeriesSummarySchema = z.object({
  symbol: MarketSymbolSchema,
  name: z.string(),
  points: z.number(),
  firstDate: z.string(),
  lastDate: z.string(),
  synthetic: z.boolean(),
})
export type SeriesSummary = z.infer<typeof SeriesSummarySchema>

export const ChartPreviewQuery = z.object({
  symbol: MarketSymbolSchema,
  windowDays: z.coerce.number().int().min(20).max(1100),
})

/** Sidebar: what to suggest for the open chat. */
export const RecommendationQuery = z
  .object({
    externalUserId: ExternalUserIdSchema.optional(),
    chatId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{4,64}$/, '群 ID 不正确')
      .optional(),
    topic: ContentTopicSchema.optional(),
    q: z.string().trim().max(40).optional(),
  })
  .refine((v) => v.externalUserId || v.chatId, { message: '缺少客户或客户群', path: ['externalUserId'] })

export const RecommendationSchema = z.object({
  item: ContentItemSchema.omit({ review: true }).extend({
    approvalNo: z.string().nullable(),
    validUntil: z.string().nullable(),
  }),
  score: z.number(),
  /** A few words each: why this item suits this contact. */
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
})
export type Recommendation = z.infer<typeof RecommendationSchema>

export const RecommendationsSchema = z.object({
  items: z.array(RecommendationSchema),
  /** Contact-level warnings: frequency, expired risk assessment, unknown customer. */
  warnings: z.array(z.string()),
  sentThisWeek: z.number(),
  hiddenRecentlySent: z.number(),
  hiddenUnsuitable: z.number(),
  /** Set when the customer opted out of marketing: suggestions stay, but sending asks to confirm. */
  marketingOptOut: z
    .object({ channel: z.enum(['told_manager', 'content_page']), at: z.string() })
    .nullable()
    .default(null),
})
export type Recommendations = z.infer<typeof RecommendationsSchema>

export const CreateSendBody = z
  .object({
    itemId: z.number().int().positive(),
    externalUserId: ExternalUserIdSchema.optional(),
    chatId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{4,64}$/)
      .optional(),
    /** The manager's edit of a text or moment item; re-checked before sending. */
    text: z.string().trim().min(1, '内容不能为空').max(2000, '内容最多 2000 字').optional(),
    /** Charts go as a tracked card by default, or as a picture. */
    as: z.enum(['card', 'image']).default('card'),
  })
  .refine((v) => v.externalUserId || v.chatId, { message: '缺少客户或客户群', path: ['externalUserId'] })

/** Exactly the `ww.sendChatMessage` shapes (wecom-facts §1.6). */
export const ChatMessageSchema = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('text'), text: z.object({ content: z.string() }) }),
  z.object({ msgtype: z.literal('image'), image: z.object({ mediaid: z.string() }) }),
  z.object({
    msgtype: z.literal('news'),
    news: z.object({ link: z.string(), title: z.string(), desc: z.string(), imgUrl: z.string() }),
  }),
])
export type ChatMessage = z.infer<typeof ChatMessageSchema>

export const CreatedSendSchema = z.object({
  sendId: z.string(),
  message: ChatMessageSchema,
  findings: z.array(ComplianceFindingSchema),
})
export type CreatedSend = z.infer<typeof CreatedSendSchema>

export const SendParams = z.object({ sendId: z.string().regex(/^[A-Za-z0-9_-]{16,40}$/, '链接无效') })
export const MomentBody = z.object({ itemId: z.number().int().positive(), method: z.enum(['clipboard', 'share']) })

export const ActivityQuery = z.object({ externalUserId: ExternalUserIdSchema.optional() })
export const SidebarActivitySchema = z.object({
  inquiries: z.array(
    z.object({
      sendId: z.string(),
      title: z.string(),
      contactName: z.string(),
      externalUserId: z.string().nullable(),
      at: z.string(),
    }),
  ),
  notices: z.array(
    z.object({
      rootId: z.number(),
      title: z.string(),
      reason: z.string(),
      retiredAt: z.string(),
      recipients: z.number(),
    }),
  ),
})
export type SidebarActivity = z.infer<typeof SidebarActivitySchema>

/** What the customer's page may know: the content and the manager's display name, nothing about the customer. */
export const PublicContentSchema = z.object({
  state: z.enum(['live', 'withdrawn']),
  kind: ContentKindSchema,
  title: z.string(),
  body: z.string(),
  disclaimer: z.string().nullable(),
  imageUrl: z.string().nullable(),
  chartAsOf: z.string().nullable(),
  synthetic: z.boolean(),
  managerName: z.string(),
  branchName: z.string(),
  sentAt: z.string(),
  approvalNo: z.string().nullable(),
})
export type PublicContent = z.infer<typeof PublicContentSchema>

export const ResultsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  sends: z.number(),
  recipients: z.number(),
  opens: z.number(),
  openRate: z.number().nullable(),
  inquiries: z.number(),
  conversions: z.number(),
})
export type ResultsRow = z.infer<typeof ResultsRowSchema>
const MAX_RESULT_DAYS = 366
const dayCount = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
/**
 * A period of content results: the last `days` days up to now, or Beijing calendar days `from`–`to` (both included;
 * `to` defaults to today); neither means the last 90 days. `branchId` narrows to a branch in the caller's scope.
 */
export const ResultsQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(365).optional(),
    from: CalendarDay.optional(),
    to: CalendarDay.optional(),
    branchId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, '机构编号格式不正确')
      .optional(),
  })
  .refine((q) => q.days === undefined || (!q.from && !q.to), {
    message: '统计区间请选择「近 N 天」或起止日期，不能同时指定',
    path: ['days'],
  })
  .refine((q) => !q.to || q.from !== undefined, { message: '指定结束日期时请同时指定开始日期', path: ['from'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] })
  .refine((q) => !q.from || !q.to || dayCount(q.from, q.to) <= MAX_RESULT_DAYS, {
    message: `统计区间最长 ${MAX_RESULT_DAYS} 天`,
    path: ['to'],
  })
export type ResultsQueryT = z.infer<typeof ResultsQuery>

export const TOPIC_LABELS: Record<ContentTopic, string> = {
  fund: '基金',
  gold: '黄金',
  fx: '外汇',
  insurance: '保险',
  wealth: '理财',
  deposit: '存款',
  loan: '贷款',
  general: '综合',
}
export const KIND_LABELS: Record<ContentKind, string> = {
  moment: '朋友圈文案',
  text: '单聊话术',
  article: '图文文章',
  chart: '行情图表',
  image: '图片',
}

export const ContentListSchema = z.object({ items: z.array(ContentItemSchema) })
export const CreatedIdSchema = z.object({ id: z.number() })
export const SavedVersionSchema = z.object({ id: z.number(), newVersion: z.boolean() })
export const SeriesListSchema = z.object({ series: z.array(SeriesSummarySchema) })
export const CsvImportResultSchema = z.object({ imported: z.number(), symbols: z.array(z.string()) })
/** Per item (all versions of a root), per author of the version sent, and per branch under the scope's node. */
export const ContentResultsSchema = z.object({
  /** Beijing calendar days the sends were made on, both included. */
  period: z.object({ from: z.string(), to: z.string() }),
  /** Whose sends count: the node's subtree (by the sender's current branch); `wholeBank` for the middle office. */
  scope: z.object({
    branchId: z.string(),
    branchName: z.string(),
    wholeBank: z.boolean(),
    /** From the caller's own node down to this one, for drilling back up. */
    breadcrumb: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  items: z.array(ResultsRowSchema),
  authors: z.array(ResultsRowSchema),
  /** Each child branch of the scope's node (its subtree summed), and the node's own staff under its own id. */
  branches: z.array(ResultsRowSchema),
})
export type ContentResults = z.infer<typeof ContentResultsSchema>
export const InquiryAckSchema = z.object({ ok: z.literal(true) })
