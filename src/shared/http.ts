import axios, { AxiosError } from 'axios'
import type { ErrorCode } from '@contracts/errors'
import { noteApiCall } from './network-status'

/** The server's codes, plus what the browser itself can tell: a timeout, no network, a bare HTTP status, or a thrown non-API error. */
export type ApiErrorCode = ErrorCode | 'TIMEOUT' | 'NETWORK' | 'UNKNOWN' | `HTTP_${number}`

/** A failed API call, carrying the server's stable code and its Chinese message. */
export class ApiError extends Error {
  // Assigned, not class fields: no field helper (a file of its own) for the Chrome 97 target.
  declare readonly status: number
  declare readonly code: ApiErrorCode
  declare readonly details?: Record<string, unknown>

  constructor(status: number, code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }
}

type ErrorBody = { error?: { code?: ErrorCode; message?: string; details?: Record<string, unknown> } }

/**
 * The ApiError for a failed call: the server's error envelope when there is one; else a timeout, no
 * network (`status` undefined), or a bare HTTP status (e.g. a proxy's 502).
 */
export function toApiError(status: number | undefined, data: unknown, timedOut = false): ApiError {
  const body = (data as ErrorBody | undefined)?.error
  if (status !== undefined && body?.code)
    return new ApiError(status, body.code, body.message ?? '请求失败', body.details)
  if (timedOut) return new ApiError(0, 'TIMEOUT', '网络较慢，请求超时，请重试')
  if (status === undefined) return new ApiError(0, 'NETWORK', '网络异常，请检查网络后重试')
  return new ApiError(status, `HTTP_${status}`, '服务暂时不可用，请稍后重试')
}

/** The one axios instance: same-origin `/api`, cookies included, failures turned into ApiError. */
// The custom header is the server's CSRF check (see server/lib/csrf.ts).
export const http = axios.create({
  baseURL: '/api',
  withCredentials: true,
  timeout: 15_000,
  headers: { 'X-Advisor-Request': '1' },
})

http.interceptors.response.use(
  (res) => {
    noteApiCall(true)
    return res
  },
  (err: AxiosError<ErrorBody>) => {
    noteApiCall(err.response !== undefined)
    return Promise.reject(
      toApiError(err.response?.status, err.response?.data, !err.response && err.code === 'ECONNABORTED'),
    )
  },
)

/** A response fetched and read without axios: its status and JSON body (undefined if not JSON). */
export interface FetchedJson {
  ok: boolean
  status: number
  data: unknown
}

/**
 * A call made without axios (the sidebar's boot asks for the profile before axios has downloaded), read
 * as `http` would: the JSON body, or the same ApiError (a rejected fetch is a network failure or, when
 * aborted, a timeout).
 */
export async function fromFetched<T>(fetched: Promise<FetchedJson>): Promise<T> {
  let res: FetchedJson
  try {
    res = await fetched
  } catch (err) {
    throw toApiError(undefined, undefined, err instanceof DOMException && err.name === 'AbortError')
  }
  if (!res.ok) throw toApiError(res.status, res.data)
  return res.data as T
}
