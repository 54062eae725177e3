import { showToast } from 'vant'
import { ApiError } from './http'

/** Where to sign in again; the server names it in the 401 envelope (demo sign-in or WeCom OAuth). */
export function loginUrlFor(err: ApiError, here: string): string {
  const base = typeof err.details?.loginUrl === 'string' ? err.details.loginUrl : '/auth/wecom'
  return `${base}?redirect=${encodeURIComponent(here)}`
}

/** Shows an API failure to the user: a toast with the server's message; 401 goes to sign-in. */
export function showApiError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) {
    window.location.assign(loginUrlFor(err, window.location.pathname + window.location.search))
    return
  }
  showToast({ message: err instanceof ApiError ? err.message : '出现意外错误，请稍后重试', wordBreak: 'break-word' })
}
