import { z } from 'zod'

export const CrmEntitySchema = z.enum(['branches', 'staff', 'customers', 'holdings', 'purchases'])
export type CrmEntityName = z.infer<typeof CrmEntitySchema>

export const EntityCountsSchema = z.object({
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Rows refused (bad cell, duplicate key, unknown reference). */
  invalid: z.number(),
})
export type EntityCounts = z.infer<typeof EntityCountsSchema>

/** One refused row: where (file or pulled page, spreadsheet row number, column) and why. Never the value. */
export const RowErrorSchema = z.object({
  source: z.string(),
  rowNo: z.number(),
  column: z.string(),
  reason: z.string(),
})
export type RowError = z.infer<typeof RowErrorSchema>

export const CrmRunSchema = z.object({
  id: z.string(),
  kind: z.enum(['file', 'http']),
  trigger: z.enum(['cli', 'upload', 'manual', 'nightly']),
  dryRun: z.boolean(),
  /** running → succeeded; rejected = row errors, nothing written; failed = unreadable file or source error. */
  status: z.enum(['running', 'succeeded', 'rejected', 'failed']),
  source: z.string(),
  actorName: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: z.partialRecord(CrmEntitySchema, EntityCountsSchema),
  errorCount: z.number(),
  message: z.string().nullable(),
})
export type CrmRun = z.infer<typeof CrmRunSchema>

/** A run with the first row errors, for showing right after an upload. */
export const CrmRunDetailSchema = CrmRunSchema.extend({ errors: z.array(RowErrorSchema) })
export type CrmRunDetail = z.infer<typeof CrmRunDetailSchema>

export const ImportQuerySchema = z.object({
  filename: z
    .string()
    .min(1)
    .max(200)
    .regex(/\.(csv|xlsx)$/i, '只支持 .csv 和 .xlsx 文件'),
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
})

export const CrmOverviewSchema = z.object({
  pull: z.object({ configured: z.boolean(), host: z.string().nullable(), syncAt: z.string() }),
  cursors: z.array(z.object({ entity: CrmEntitySchema, cursor: z.string().nullable(), updatedAt: z.string() })),
})
export type CrmOverview = z.infer<typeof CrmOverviewSchema>

/** Staff ↔ WeCom mapping gaps, both ways. */
export const WecomMappingSchema = z.object({
  /** WeCom userids seen in follow relations or events with no staff record: their events wait, kept. */
  unknownUserids: z.array(
    z.object({ userid: z.string(), contacts: z.number(), events: z.number(), lastSeenAt: z.string().nullable() }),
  ),
  staffWithoutWecom: z.array(
    z.object({ employeeId: z.string(), name: z.string(), title: z.string(), branchName: z.string() }),
  ),
})
export type WecomMapping = z.infer<typeof WecomMappingSchema>
