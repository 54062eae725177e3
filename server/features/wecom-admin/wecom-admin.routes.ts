import { Router } from 'express'
import { z } from 'zod'
import {
  DeadLetterParams,
  DeadLettersSchema,
  DoctorSchema,
  RelationImportSchema,
  type DeadLetters,
  type RelationImport,
} from '../../contracts/wecom-admin.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { notFound } from '../../lib/errors.js'
import { allow } from '../../lib/policy.js'
import { runJob } from '../process/index.js'
import { countPendingCallbacks, recentRelationRuns } from './wecom-admin.repository.js'
import {
  listDeadLetters,
  loadImportState,
  requeueDeadLetter,
  runDoctor,
  scheduleCallbackProcessing,
} from '../wecom/index.js'

const ADMIN = () => allow({ roles: ['admin'], scope: 'integration' })

/** Go-live operations for the bank's IT (`admin`): relation import progress and the callback dead letters. */
export function wecomAdminRoutes(ctx: AppContext): Router {
  const router = Router()
  const db = ctx.db.kysely

  router.get(
    '/wecom/import',
    ADMIN(),
    doc({ summary: '客户关系导入/对账进度', responses: { 200: RelationImportSchema } }),
    async (_req, res) => {
      res.json(await importView(ctx))
    },
  )

  router.post(
    '/wecom/import',
    ADMIN(),
    doc({ summary: '立即开始（或续传）客户关系导入/对账', responses: { 202: z.object({ started: z.boolean() }) } }),
    async (_req, res) => {
      // Hours on a large corp: the run records itself; the page polls GET.
      void runJob(ctx, 'relations', 'manual').catch((err: unknown) =>
        ctx.logger.warn({ errName: err instanceof Error ? err.name : 'unknown' }, 'relation import could not start'),
      )
      res.status(202).json({ started: true })
    },
  )

  router.get(
    '/wecom/doctor',
    ADMIN(),
    doc({ summary: '企业微信上线自检（凭证、权限、回调、可信域名、时钟）', responses: { 200: DoctorSchema } }),
    async (_req, res) => {
      res.set('Cache-Control', 'no-store').json({ checks: await runDoctor(ctx) })
    },
  )

  router.get(
    '/wecom/dead-letters',
    ADMIN(),
    doc({ summary: '处理失败的企业微信回调（死信）', responses: { 200: DeadLettersSchema } }),
    async (_req, res) => {
      const rows = await listDeadLetters(db, 100)
      const pending = await countPendingCallbacks(db)
      const body: DeadLetters = {
        deadLetters: rows.map((r) => ({
          id: Number(r.id),
          event: r.event,
          changeType: r.change_type,
          receivedAt: r.received_at,
          attempts: r.attempts,
          lastError: r.last_error,
          deadAt: r.dead_at ?? '',
        })),
        pending,
      }
      res.json(body)
    },
  )

  router.post(
    '/wecom/dead-letters/:id/retry',
    ADMIN(),
    doc({ summary: '重新处理一条死信回调', params: DeadLetterParams, responses: { 204: null } }),
    async (req, res) => {
      const { id } = DeadLetterParams.parse(req.params)
      if (!(await requeueDeadLetter(db, id))) throw notFound('该死信回调')
      scheduleCallbackProcessing(ctx)
      res.status(204).end()
    },
  )

  return router
}

async function importView(ctx: AppContext): Promise<RelationImport> {
  const s = await loadImportState(ctx.db.kysely)
  const runs = await recentRelationRuns(ctx.db.kysely)
  const members = s ? (JSON.parse(s.members) as string[]).length : 0
  return {
    state: s
      ? {
          runId: s.run_id,
          mode: s.mode,
          status: s.status,
          members,
          membersDone: Math.min(members, s.batch_index * 100),
          pages: s.pages,
          seen: s.seen,
          added: s.added,
          removed: s.removed,
          lastError: s.last_error,
          startedAt: s.started_at,
          updatedAt: s.updated_at,
          finishedAt: s.finished_at,
        }
      : null,
    runs: runs.map((r) => ({
      id: Number(r.id),
      trigger: r.trigger,
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at ?? null,
      error: r.error ?? null,
    })),
  }
}
