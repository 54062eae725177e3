import { z } from 'zod'

/** The relation import's position and counts, as the admin console shows them. */
export const RelationImportSchema = z.object({
  state: z
    .object({
      runId: z.number(),
      mode: z.enum(['initial', 'reconcile']),
      status: z.enum(['running', 'finished', 'failed']),
      members: z.number(),
      membersDone: z.number(),
      pages: z.number(),
      seen: z.number(),
      added: z.number(),
      removed: z.number(),
      lastError: z.string().nullable(),
      startedAt: z.string(),
      updatedAt: z.string(),
      finishedAt: z.string().nullable(),
    })
    .nullable(),
  runs: z.array(
    z.object({
      id: z.number(),
      trigger: z.enum(['schedule', 'manual', 'cli']),
      status: z.enum(['running', 'succeeded', 'failed']),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
})
export type RelationImport = z.infer<typeof RelationImportSchema>

/** A callback delivery that gave up after its last attempt. */
export const DeadLetterSchema = z.object({
  id: z.number(),
  event: z.string().nullable(),
  changeType: z.string().nullable(),
  receivedAt: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  deadAt: z.string(),
})
export const DeadLettersSchema = z.object({ deadLetters: z.array(DeadLetterSchema), pending: z.number() })
export type DeadLetters = z.infer<typeof DeadLettersSchema>
export const DeadLetterParams = z.object({ id: z.coerce.number().int().positive() })

/** One line of the go-live self-check: what was checked, the outcome and, when not ok, how to fix it. */
export const DoctorCheckSchema = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['ok', 'warn', 'fail']),
  detail: z.string(),
  hint: z.string().nullable(),
})
export type DoctorCheck = z.infer<typeof DoctorCheckSchema>
export const DoctorSchema = z.object({ checks: z.array(DoctorCheckSchema) })
