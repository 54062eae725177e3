import { Router, type Express } from 'express'
import { z } from 'zod'
import { doc } from '../../lib/api-docs.js'
import { publicRoute } from '../../lib/policy.js'
import { buildOpenApi } from './openapi.js'

export function openApiRoutes(app: Express): Router {
  const router = Router()
  let cached: ReturnType<typeof buildOpenApi> | undefined
  router.get(
    '/openapi.json',
    publicRoute(),
    doc({ summary: 'OpenAPI 3.1 document of this API', responses: { 200: z.record(z.string(), z.unknown()) } }),
    (_req, res) => {
      res.json((cached ??= buildOpenApi(app)))
    },
  )
  return router
}
