import type { RequestHandler } from 'express'
import { AppError } from './errors.js'

function containsNul(value: unknown): boolean {
  const stack = [value]
  while (stack.length) {
    const v = stack.pop()
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return true
        stack.push(child)
      }
    }
  }
  return false
}

/**
 * PostgreSQL cannot store U+0000 in text and fails the whole statement, so a NUL anywhere in the URL
 * or the JSON body is refused at the edge for every route, on every database alike.
 */
export const rejectNul: RequestHandler = (req, _res, next) => {
  if (/%00/.test(req.originalUrl) || containsNul(req.body)) {
    throw new AppError('INVALID_CHARACTERS', 400, '请求中包含不允许的字符')
  }
  next()
}
