import { z } from 'zod'
import { DueFollowupSchema } from './followups.js'
import { CalendarDay } from './common.js'
import { ComplianceFindingSchema } from './review.js'
import { SegmentSchema } from './contacts.js'
import { ContentKindSchema } from './content.js'

const Day = CalendarDay
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ID 格式不正确')

/** Dashboard views: a period (the day, week or month containing `date`) and a branch in the viewer's scope. */
export const DashboardQuery = z.object({
  period: z.enum(['day', 'week', 'month']).default('week'),
  date: Day.optional(),
  branchId: Id.optional(),
})
export type DashboardQueryT = z.infer<typeof DashboardQuery>
/** The staff drill-down also filters its adds by corp tags: `tagIds=a,b` (WeCom's reading: any tag within a group). */
export const StaffViewQuery = DashboardQuery.extend({
  tagIds: z
    .string()
    .max(2000)
    .optional()
    .transform((s) => (s ? [...new Set(s.split(',').map((t) => t.trim()))].filter(Boolean).slice(0, 50) : [])),
})
export type StaffViewQueryT = z.infer<typeof StaffViewQuery>
export const StaffParams = z.object({ userid: Id })
export const UncoveredQuery = z.object({ segment: z.enum(['private', 'wealth', 'vip', 'payroll']).default('private') })

const num = z.number()
const nullableNum = z.number().nullable()
const Verdict = z.enum(['pass', 'fail', 'flagged', 'unknown'])
export const BranchLevelSchema = z.enum(['head', 'branch', 'sub'])
/** Middle-office tasks. */
export const TaskKindSchema = z.enum(['moment', 'mass_send', 'friend_add', 'verification', 'reply'])
/** `pending_review` until a second reviewer approves a mass send or moment; `rejected` by that reviewer. */
export const TaskStatusSchema = z.enum(['active', 'cancelled', 'pending_review', 'rejected'])

export const ProcessNumbersSchema = z.object({
  friendRequests: num,
  friendRequestTarget: num,
  newContacts: num,
  negativeFeedback: num,
  chats: num,
  /** percent, chat-weighted over days with chats; null without chats */
  replyRate: nullableNum,
  /** minutes, chat-weighted; null without chats */
  replyMinutes: nullableNum,
  /** The funnel is one cohort: links sent in the period, of those opened, of those verified (see contracts/metrics). */
  linksSent: num,
  linksOpened: num,
  verified: num,
  /** Verifications in the period not from a link sent in the period (app binding, older links). */
  verifiedWithoutLink: num,
  /** Staff-initiated adds in the period (add way other than a customer's QR scan): the pass rate's numerator. */
  staffAddsAccepted: num,
  tasksAssigned: num,
  tasksDone: num,
  contentSent: num,
  repliesUsed: num,
  escalationsRaised: num,
  contactsAdded: num,
  contactsLost: num,
})
export type ProcessNumbers = z.infer<typeof ProcessNumbersSchema>
/** Each 计入考核 rule counted on its own (a contact failing two rules shows in both) plus anti-gaming flags. */
export const RuleCountsSchema = z.object({
  adds: num,
  eligible: num,
  unverified: num,
  noAccount: num,
  notOwnBook: num,
  notFirstAdd: num,
  outOfProvinceFlagged: num,
  peerBank: num,
  severalStaff: num,
  burst: num,
})
export type RuleCounts = z.infer<typeof RuleCountsSchema>
export const CoverageSchema = z.object({ segment: z.string(), owned: num, covered: num })
export type Coverage = z.infer<typeof CoverageSchema>
export const GuidanceSchema = z.object({
  staffUserid: z.string(),
  staffName: z.string(),
  metric: z.enum(['tasks', 'coverage', 'friend_requests', 'funnel', 'reply']),
  message: z.string(),
  action: z.string(),
  target: z.union([
    z.object({ kind: z.literal('task'), taskId: z.string() }),
    z.object({ kind: z.literal('uncovered'), segment: SegmentSchema }),
    z.object({ kind: z.literal('contacts') }),
    z.object({ kind: z.literal('replies') }),
  ]),
})
export type Guidance = z.infer<typeof GuidanceSchema>
export const DashboardRowSchema = z.object({
  kind: z.enum(['branch', 'staff']),
  id: z.string(),
  name: z.string(),
  subtitle: z.string(),
  numbers: ProcessNumbersSchema,
  eligible: RuleCountsSchema,
  coverage: z.array(CoverageSchema),
  /** staff members with at least one guidance item */
  lagging: num,
})
export type DashboardRow = z.infer<typeof DashboardRowSchema>
export const PeriodSchema = z.object({ kind: z.enum(['day', 'week', 'month']), from: z.string(), to: z.string() })
export type Period = z.infer<typeof PeriodSchema>
const Crumb = z.object({ id: z.string(), name: z.string() })
export const TrendPointSchema = z.object({
  day: z.string(),
  friendRequests: num,
  newContacts: num,
  linksSent: num,
  verified: num,
})
export const ProcessViewSchema = z.object({
  period: PeriodSchema,
  node: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  breadcrumb: z.array(Crumb),
  rows: z.array(DashboardRowSchema),
  total: DashboardRowSchema,
  trend: z.array(TrendPointSchema),
  guidance: z.array(GuidanceSchema),
  /** last day of WeCom behaviour data synced */
  syncedUntil: z.string().nullable(),
  freshness: z.object({
    /** when WeCom behaviour data was last brought up to date */
    wecomSyncedAt: z.string().nullable(),
    /** when the rollups last had nothing left to work off */
    rollupsUpdatedAt: z.string().nullable(),
    /** a bulk change is still being worked off: figures may move (正在更新) */
    updating: z.boolean(),
  }),
})
export type ProcessView = z.infer<typeof ProcessViewSchema>

export const AddVerdictSchema = z.object({
  externalUserId: z.string(),
  name: z.string(),
  addTime: z.string(),
  segment: z.string().nullable(),
  counts: z.boolean(),
  rules: z.object({
    verified: Verdict,
    has_account: Verdict,
    in_book: Verdict,
    first_add: Verdict,
    out_of_province: Verdict,
  }),
  flags: z.array(z.string()),
})
export type AddVerdictDto = z.infer<typeof AddVerdictSchema>
export const StaffViewSchema = z.object({
  period: PeriodSchema,
  staff: z.object({ userid: z.string(), name: z.string(), title: z.string(), branchId: z.string() }),
  breadcrumb: z.array(Crumb),
  row: DashboardRowSchema,
  adds: z.array(AddVerdictSchema),
  /** Adds of the period before the tag filter; equals `adds.length` when no tag is selected. */
  addsBeforeTagFilter: num,
  tagIds: z.array(z.string()),
  tasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: TaskKindSchema,
      dueDate: z.string(),
      status: z.enum(['open', 'done']),
      progress: num,
      target: num,
    }),
  ),
  guidance: z.array(GuidanceSchema),
})
export type StaffView = z.infer<typeof StaffViewSchema>
export const UncoveredCustomerSchema = z.object({
  cifNo: z.string(),
  name: z.string(),
  segment: SegmentSchema,
  aumBand: z.string(),
  contactId: z.string().nullable(),
})
export type UncoveredCustomer = z.infer<typeof UncoveredCustomerSchema>

export const ResultsViewSchema = z.object({
  period: PeriodSchema,
  content: z.array(
    z.object({
      ref: z.string(),
      title: z.string(),
      author: z.string().nullable(),
      sent: num,
      opened: num,
      inquiries: num,
      /** sends that can be tracked (news cards); 0 → the open rate is 不可追踪 */
      trackable: num,
      /** percent of trackable sends opened; null when nothing was trackable */
      openRate: nullableNum,
      conversions: nullableNum,
    }),
  ),
  answers: z.array(z.object({ ref: z.string(), title: z.string(), used: num })),
  tasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: TaskKindSchema,
      assigned: num,
      done: num,
      doneRate: num,
      sent: nullableNum,
      notFriend: nullableNum,
    }),
  ),
  authors: z.array(
    z.object({
      staffUserid: z.string(),
      name: z.string(),
      items: num,
      sent: num,
      opened: num,
      inquiries: num,
      answered: num,
      answerMinutes: nullableNum,
    }),
  ),
  passRate: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      friendRequests: num,
      /** staff-initiated adds only; customer-initiated adds never enter the pass rate */
      accepted: num,
      rate: nullableNum,
    }),
  ),
})
export type ResultsView = z.infer<typeof ResultsViewSchema>

export const TaskBody = z.object({
  kind: TaskKindSchema,
  title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题最多 60 个字'),
  staff: z.array(Id).max(500).default([]),
  branches: z.array(Id).max(200).default([]),
  startDate: Day,
  dueDate: Day,
  itemId: z.number().int().positive().nullable().default(null),
  text: z.string().trim().max(2000).default(''),
  link: z
    .object({ title: z.string().min(1).max(128), url: z.url().max(2048), desc: z.string().max(512).optional() })
    .nullable()
    .default(null),
  segments: z.array(z.enum(['private', 'wealth', 'vip', 'payroll', 'mass'])).default([]),
  /** Mass send: only customers carrying these corp tags (any tag within a group, every group selected). */
  tagIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  perDay: z.number().int().min(1).max(200).optional(),
  count: z.number().int().min(1).max(1000).optional(),
  minReplyRate: z.number().min(0).max(100).optional(),
  maxReplyMinutes: z.number().min(1).max(1440).optional(),
  /** Mass send: go ahead although some customers would pass WeCom's monthly cap (they are left out). */
  acceptCap: z.boolean().default(false),
})
export type TaskBodyT = z.infer<typeof TaskBody>
export const TaskParams = z.object({ id: z.uuid() })

export const MassPreviewSchema = z.object({
  assignees: num,
  recipients: num,
  /** Customers of the segments left out because they opted out of marketing. */
  optedOut: num,
  /** Customers of the segments left out because they carry none of the selected tags. */
  withoutTags: num.default(0),
  overCap: num,
  capPerMonth: num,
  month: z.string(),
})
export type MassPreview = z.infer<typeof MassPreviewSchema>
export const CreatedTaskSchema = z.object({
  id: z.string(),
  failures: num,
  skippedOverCap: num,
  /** `pending_review`: free text waits for a second person before anything goes to WeCom. */
  status: z.enum(['active', 'pending_review']).optional(),
  findings: z.array(ComplianceFindingSchema).optional(),
})
export type CreatedTask = z.infer<typeof CreatedTaskSchema>
/** The compliance review of a task's free text, as the reviewer sees it. */
export const TaskReviewSchema = z.object({
  findings: z.array(ComplianceFindingSchema),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  note: z.string().nullable(),
})
export const TaskSummarySchema = z.object({
  id: z.string(),
  kind: TaskKindSchema,
  title: z.string(),
  startDate: z.string(),
  dueDate: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  status: TaskStatusSchema,
  assigned: num,
  done: num,
  recipients: nullableNum,
})
export type TaskSummary = z.infer<typeof TaskSummarySchema>
export const TaskDetailSchema = TaskSummarySchema.extend({
  payload: z.record(z.string(), z.unknown()),
  review: TaskReviewSchema.optional(),
  assignments: z.array(
    z.object({
      staffUserid: z.string(),
      staffName: z.string(),
      branchName: z.string(),
      status: z.enum(['open', 'done']),
      progress: num,
      target: num,
      doneAt: z.string().nullable(),
      checkedAt: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
})
export type TaskDetail = z.infer<typeof TaskDetailSchema>
export const TaskListSchema = z.object({ tasks: z.array(TaskSummarySchema) })
export const TaskOptionsSchema = z.object({
  branches: z.array(
    z.object({ id: z.string(), name: z.string(), level: BranchLevelSchema, parentId: z.string().nullable() }),
  ),
  staff: z.array(z.object({ userid: z.string(), name: z.string(), title: z.string(), branchId: z.string() })),
  items: z.array(
    z.object({ id: num, title: z.string(), kind: ContentKindSchema, body: z.string(), link: z.string().nullable() }),
  ),
})
export const SyncRunSchema = z.object({
  id: num,
  job: z.string(),
  trigger: z.enum(['schedule', 'manual', 'cli']),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  stats: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
})
export type SyncRun = z.infer<typeof SyncRunSchema>
export const SyncRunsSchema = z.object({ runs: z.array(SyncRunSchema) })
export const SyncBody = z.object({ job: z.enum(['all', 'behaviour', 'tasks', 'rollups', 'relations']).default('all') })
export const SyncOutcomesSchema = z.object({
  outcomes: z.array(
    z.object({
      job: z.string(),
      status: z.enum(['succeeded', 'failed', 'skipped']),
      runId: num.optional(),
      stats: z.record(z.string(), z.unknown()).optional(),
      error: z.string().optional(),
    }),
  ),
})

const TodoLink = z.object({ title: z.string(), url: z.string(), desc: z.string().optional() })
/** The manager's own list (sidebar 任务 tab). */
export const MyTodoSchema = z.object({
  tasks: z.array(
    z.object({
      id: z.string(),
      kind: TaskKindSchema,
      title: z.string(),
      dueDate: z.string(),
      text: z.string(),
      progress: num,
      target: num,
      link: TodoLink.nullable(),
      /** Which WeCom clients can do it: customer moments only on the phone clients (≥ 3.1.12). */
      doableOn: z.enum(['any', 'mobile']),
    }),
  ),
  highValue: z.array(UncoveredCustomerSchema),
  maturities: z.array(
    z.object({
      cifNo: z.string(),
      name: z.string(),
      productType: z.string(),
      maturityDate: z.string(),
      contactId: z.string().nullable(),
    }),
  ),
  /** 跟进提醒: follow-up days that have come, from the manager's own notes. */
  followups: z.array(DueFollowupSchema),
  inquiries: z.array(z.object({ externalUserId: z.string(), name: z.string(), at: z.string(), title: z.string() })),
  answers: z.array(
    z.object({
      escalationId: num,
      question: z.string(),
      answeredAt: z.string(),
      externalUserId: z.string().nullable(),
      name: z.string().nullable(),
    }),
  ),
})
export type MyTodo = z.infer<typeof MyTodoSchema>
