import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express'
import type { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { findValidCredential } from './sim-credentials.repository.js'

/** A WeCom API failure: answered as `{ errcode, errmsg }` with HTTP 200, as qyapi does. */
export class WecomError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg)
  }
}

export const E = {
  invalidCorpId: () => new WecomError(40013, 'invalid corpid'),
  invalidToken: () => new WecomError(40014, 'invalid access_token'),
  missingToken: () => new WecomError(41001, 'access_token missing'),
  expiredToken: () => new WecomError(42001, 'access_token expired'),
  invalidCode: () => new WecomError(40029, 'invalid code'),
  missingCode: () => new WecomError(41008, 'missing code'),
  invalidParam: (what: string) => new WecomError(40058, `invalid parameter: ${what}`),
  badJson: () => new WecomError(47001, 'data format error'),
  invalidExternalUserid: () => new WecomError(40096, 'invalid external userid'),
  userNotFound: (userid: string) => new WecomError(60111, `userid not found: ${userid}`),
  notExternalContact: () => new WecomError(84061, 'not external contact'),
} as const

const OK = { errcode: 0, errmsg: 'ok' } as const

type Handler = (req: Request) => Promise<Record<string, unknown>>

/** Wraps a qyapi handler: its object is answered with `errcode: 0` prepended. */
export function cgi(handler: Handler): RequestHandler {
  return async (req: Request, res: Response) => {
    res.json({ ...OK, ...(await handler(req)) })
  }
}

/** Parses a JSON body (or query) the way WeCom rejects bad input: 47001 for no object, 40058 otherwise. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  if (input === undefined || input === null || typeof input !== 'object') throw E.badJson()
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw E.invalidParam(issue ? `${issue.path.join('.') || 'body'} ${issue.message}` : 'body')
  }
  return parsed.data
}

/** Every qyapi call except gettoken needs `access_token` in the query: 41001 / 40014 / 42001. */
export function requireAccessToken(ctx: AppContext): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = req.query.access_token
    if (typeof token !== 'string' || token === '') throw E.missingToken()
    const found = await findValidCredential(ctx, 'access_token', token)
    if (found === 'unknown') throw E.invalidToken()
    if (found === 'expired') throw E.expiredToken()
    next()
  }
}

/** Turns WecomError (and stray failures) into WeCom's reply shape for /simulator/cgi-bin. */
export const cgiErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err)
  if (err instanceof WecomError) {
    res.json({ errcode: err.errcode, errmsg: err.errmsg })
    return
  }
  if (err?.type === 'entity.too.large') {
    res.json({ errcode: 40006, errmsg: 'invalid file size' })
    return
  }
  if (err?.type === 'entity.parse.failed') {
    res.json({ errcode: 47001, errmsg: 'data format error' })
    return
  }
  next(err)
}
