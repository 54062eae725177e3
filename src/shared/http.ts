import axios, { AxiosError } from 'axios'

/** A failed API call, carrying the server's stable code and its Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/** The one axios instance: same-origin `/api`, cookies included, failures turned into ApiError. */
// The custom header is the server's CSRF check (see server/lib/csrf.ts).
export const http = axios.create({ baseURL: '/api', withCredentials: true, timeout: 15_000, headers: { 'X-Advisor-Request': '1' } })

http.interceptors.response.use(undefined, (err: AxiosError<{ error?: { code?: string; message?: string; details?: Record<string, unknown> } }>) => {
  const body = err.response?.data?.error
  if (err.response && body?.code) {
    return Promise.reject(new ApiError(err.response.status, body.code, body.message ?? '请求失败', body.details))
  }
  if (err.code === 'ECONNABORTED') return Promise.reject(new ApiError(0, 'TIMEOUT', '网络较慢，请求超时，请重试'))
  if (!err.response) return Promise.reject(new ApiError(0, 'NETWORK', '网络异常，请检查网络后重试'))
  return Promise.reject(new ApiError(err.response.status, 'HTTP_' + err.response.status, '服务暂时不可用，请稍后重试'))
})
