import { z } from 'zod'
import { ErrorCodeSchema } from './errors.js'

/** Every 4xx/5xx body. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
})

export const ReadySchema = z.object({
  ready: z.literal(true),
  db: z.enum(['sqlite', 'postgres']),
  migrations: z.number(),
})

export const HealthSchema = z.object({ ok: z.literal(true), db: z.enum(['sqlite', 'postgres']), version: z.string() })

/** A real calendar day, YYYY-MM-DD: `2026-13-45` fails validation (400) instead of reaching a date function. */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2099-12-31'
  }, '日期不存在或超出范围（2000-01-01 至 2099-12-31）')
