import { Router } from 'express'
import { z } from 'zod'
import { QaLexiconBody, QaLexiconEntrySchema } from '../../contracts/replies.js'
import { IdParams } from '../../contracts/review.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { withPlainText } from '../../lib/plain-text.js'
import { currentStaff } from '../auth/index.js'
import { addLexiconEntry, listLexicon, removeLexiconEntry } from './lexicon.service.js'

const MIDDLE_OFFICE = () => allow({ roles: ['middle'], scope: 'middle-office' })
const Body = withPlainText(QaLexiconBody, ['words'])

/** The search lexicon the middle office keeps: domain words for the segmenter and synonym groups. */
export function consoleLexiconRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get(
    '/console/qa-lexicon',
    MIDDLE_OFFICE(),
    doc({
      summary: '话术搜索词库：专业词与同义词组',
      responses: { 200: z.object({ entries: z.array(QaLexiconEntrySchema) }) },
    }),
    async (_req, res) => {
      res.json({ entries: await listLexicon(ctx) })
    },
  )
  router.post(
    '/console/qa-lexicon',
    MIDDLE_OFFICE(),
    doc({
      summary: '添加专业词或同义词组（下次搜索生效）',
      body: QaLexiconBody,
      responses: { 201: QaLexiconEntrySchema },
    }),
    async (req, res) => {
      const input = Body.parse(req.body)
      res.status(201).json(await addLexiconEntry(ctx, currentStaff(req), input))
    },
  )
  router.delete(
    '/console/qa-lexicon/:id',
    MIDDLE_OFFICE(),
    doc({ summary: '删除词条', params: IdParams, responses: { 204: null } }),
    async (req, res) => {
      await removeLexiconEntry(ctx, IdParams.parse(req.params).id)
      res.status(204).end()
    },
  )
  return router
}
