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
