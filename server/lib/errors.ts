import type { ErrorCode } from '../contracts/errors.js'

/** The one error type routes and services throw; the error middleware turns it into the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', 404, `${what}不存在`)
export const forbidden = (message = '无权访问该资源') => new AppError('FORBIDDEN', 403, message)
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401, '请先登录')
