import type { Express } from 'express'
import { z, type ZodType } from 'zod'
import { ErrorEnvelopeSchema } from '../../contracts/common.js'
import type { RouteDoc } from '../../lib/api-docs.js'
import type { RoutePolicy } from '../../lib/policy.js'
import { listRoutes } from '../../lib/route-table.js'
import { APP_VERSION } from '../../lib/version.js'

const json = (schema: ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>
  return rest
}

/** Path and query parameters from an object schema, in OpenAPI's parameter list shape. */
function parameters(schema: ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return []
  const s = json(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] }
  return Object.entries(s.properties ?? {}).map(([name, sch]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: sch,
  }))
}

function security(policy: RoutePolicy | undefined) {
  return policy && policy.roles !== 'anyone' ? [{ session: [] }] : []
}

function operation(d: RouteDoc, policy: RoutePolicy | undefined) {
  const responses: Record<string, unknown> = {}
  for (const [status, schema] of Object.entries(d.responses)) {
    responses[status] = schema
      ? { description: 'OK', content: { 'application/json': { schema: json(schema, 'output') } } }
      : { description: 'OK' }
  }
  responses.default = {
    description: '错误（统一错误信封）',
    content: { 'application/json': { schema: json(ErrorEnvelopeSchema, 'output') } },
  }
  return {
    summary: d.summary,
    'x-policy': policy,
    security: security(policy),
    parameters: [...parameters(d.params, 'path'), ...parameters(d.query, 'query')],
    ...(d.body
      ? {
          requestBody: {
            required: true,
            content: { [d.bodyType ?? 'application/json']: { schema: json(d.body, 'input') } },
          },
        }
      : {}),
    responses,
  }
}

/** The OpenAPI 3.1 document, generated from the routes' own zod contracts. */
export function buildOpenApi(app: Express) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of listRoutes(app)) {
    if (!r.doc) continue
    const path = r.path.replace(/:(\w+)/g, '{$1}')
    paths[path] ??= {}
    paths[path][r.method.toLowerCase()] = operation(r.doc, r.policy)
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Advisor Desk API (企微顾问台)', version: APP_VERSION },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ad_session' } } },
    paths,
  }
}
