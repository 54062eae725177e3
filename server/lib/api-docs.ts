import type { RequestHandler } from 'express'
import type { ZodType } from 'zod'

/**
 * What a route takes and returns, as the zod schemas its handler parses with. Declared next to the
 * route (`router.get(path, allow(...), doc({...}), handler)`); /api/openapi.json is generated from it
 * and a test fails for any API route without one.
 */
export interface RouteDoc {
  summary: string
  params?: ZodType
  query?: ZodType
  body?: ZodType
  /** Body media type when not JSON (e.g. WeCom's XML callbacks). */
  bodyType?: string
  /** Success status → response schema (omit the schema for an empty body). */
  responses: Record<number, ZodType | null>
}

export type DocHandler = RequestHandler & { doc: RouteDoc }

export function doc(routeDoc: RouteDoc): DocHandler {
  const handler: RequestHandler = (_req, _res, next) => next()
  return Object.assign(handler, { doc: routeDoc })
}
