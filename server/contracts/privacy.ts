import { z } from 'zod'
import { CalendarDay } from './common.js'
import { REVEAL_FIELD_LABELS, REVEAL_REASONS, type RevealField, type RevealReason } from './contacts.js'

const Day = CalendarDay
const StaffId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '员工编号格式不正确')

/** Filters of the audit view; dates are Beijing days, both ends included. */
export const AuditQuery = z.object({
  staffId: StaffId.optional(),
  /** Part of the target, e.g. a contact's external id or a CIF number. */
  target: z.string().trim().min(1).max(100).optional(),
  from: Day.optional(),
  to: Day.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})
export type AuditQueryT = z.infer<typeof AuditQuery>

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  action: z.string(),
  /** e.g. `contact:wm…`, `customer:C…` */
  target: z.string(),
  /** The CRM customer behind a contact, when it was bound at the time. */
  cifNo: z.string().nullable(),
  outcome: z.enum(['allowed', 'denied']),
  ip: z.string().nullable(),
  /** For a reveal: which field and the stated reason (「手机号 · 处理客户投诉或纠纷：…」). */
  note: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>

/** Chinese names of the audited actions (audit view and CSV). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'contact.view': '查看联系人',
  'contact.reveal': '查看完整号码',
  'group.view': '查看客户群',
  'handover.start': '发起客户继承',
  'handover.dismiss': '忽略待转接建议',
  'handover.groups': '转让客户群群主',
  'privacy.erasure': '删除个人信息',
  'privacy.retention': '修改保留期限',
}

/** The audit view's line for a reveal's detail; null for entries without one. */
export function revealNote(detail: { field?: unknown; reason?: unknown; note?: unknown }): string | null {
  if (typeof detail.field !== 'string' || !(detail.field in REVEAL_FIELD_LABELS)) return null
  const reason = REVEAL_REASONS[detail.reason as RevealReason] ?? String(detail.reason ?? '')
  const note = typeof detail.note === 'string' ? `：${detail.note}` : ''
  return `${REVEAL_FIELD_LABELS[detail.field as RevealField]} · ${reason}${note}`
}

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** The staff whose entries the viewer may see, for the filter. */
  staff: z.array(z.object({ id: z.string(), name: z.string() })),
})
export type AuditPage = z.infer<typeof AuditPageSchema>

const Days = z.number().int().min(1).max(3650)
/** Days each kind of record is kept before the purge job deletes it. */
export const RetentionSchema = z.object({ callbacksDays: Days, eventsDays: Days, auditDays: Days })
export type Retention = z.infer<typeof RetentionSchema>
export const RetentionBody = RetentionSchema.strict()

/** Erase one person's WeCom data: by their WeCom external id or by their CRM customer number (exactly one). */
export const ErasureBody = z
  .object({
    externalUserId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, '外部联系人 ID 格式不正确')
      .optional(),
    cifNo: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, '客户号格式不正确')
      .optional(),
  })
  .strict()
  .refine((b) => (b.externalUserId === undefined) !== (b.cifNo === undefined), {
    message: '请填写外部联系人 ID 或客户号（二选一）',
    path: ['externalUserId'],
  })
export type ErasureBodyT = z.infer<typeof ErasureBody>

export const ErasureResultSchema = z.object({
  externalUserIds: z.array(z.string()),
  bindingsRemoved: z.number(),
  contactsErased: z.number(),
  verificationsErased: z.number(),
  eventsErased: z.number(),
  callbacksRemoved: z.number(),
})
export type ErasureResult = z.infer<typeof ErasureResultSchema>

export const PurgeResultSchema = z.object({
  callbacks: z.number(),
  /** WelcomeCode answers (who welcomed which customer), kept as long as the raw callbacks they answered. */
  welcomeSends: z.number(),
  events: z.number(),
  audit: z.number(),
})
export type PurgeResult = z.infer<typeof PurgeResultSchema>
