import type { AxiosAdapter } from 'axios'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, http } from '@/shared/http'

const original = http.defaults.adapter

function respondWith(status: number, data: unknown): AxiosAdapter {
  return async (config) => {
    const response = { data, status, statusText: String(status), headers: {}, config }
    if (status >= 400) {
      const { AxiosError } = await import('axios')
      throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, {}, response)
    }
    return response
  }
}

describe('http client', () => {
  afterEach(() => {
    http.defaults.adapter = original
  })

  it('when the server answers with the error envelope, then the call rejects with its code and Chinese message', async () => {
    http.defaults.adapter = respondWith(403, { error: { code: 'FORBIDDEN', message: '无权访问该资源' } })
    const err = await http.get('/x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 403, code: 'FORBIDDEN', message: '无权访问该资源' })
  })

  it('when a 401 names a sign-in page, then the error carries it for the page to redirect', async () => {
    http.defaults.adapter = respondWith(401, {
      error: { code: 'UNAUTHENTICATED', message: '请先登录', details: { loginUrl: '/demo/login' } },
    })
    const err = (await http.get('/x').catch((e: unknown) => e)) as ApiError
    expect(err.details).toEqual({ loginUrl: '/demo/login' })
  })

  it('when a proxy answers a bare 502, then the error is still a typed ApiError', async () => {
    http.defaults.adapter = respondWith(502, '<html>Bad Gateway</html>')
    const err = await http.get('/x').catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 502, code: 'HTTP_502' })
  })
})
