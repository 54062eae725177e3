import { createServer, type IncomingMessage } from 'node:http'

export interface FakeCall {
  /** Path below `/cgi-bin`, e.g. `/externalcontact/get`. */
  path: string
  query: Record<string, string>
  body: string
  contentType: string
}

export type FakeHandler = (call: FakeCall, n: number) => unknown

/** A tiny stand-in for qyapi on 127.0.0.1:0; every path gets a default ok reply unless a handler is set. */
export async function startFakeQyapi(prefix = '/cgi-bin') {
  const calls: FakeCall[] = []
  const handlers = new Map<string, FakeHandler>()
  let tokenSeq = 0
  const defaults: Record<string, FakeHandler> = {
    '/gettoken': () => ({ errcode: 0, errmsg: 'ok', access_token: `tok-${++tokenSeq}`, expires_in: 7200 }),
    '/get_jsapi_ticket': () => ({ errcode: 0, errmsg: 'ok', ticket: 'corp-ticket-1', expires_in: 7200 }),
    '/ticket/get': () => ({ errcode: 0, errmsg: 'ok', ticket: 'agent-ticket-1', expires_in: 7200 }),
  }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname.slice(url.pathname.indexOf('/cgi-bin') + '/cgi-bin'.length)
    const call: FakeCall = {
      path,
      query: Object.fromEntries(url.searchParams),
      body: await readBody(req),
      contentType: req.headers['content-type'] ?? '',
    }
    calls.push(call)
    const n = calls.filter((c) => c.path === path).length
    const handler = handlers.get(path) ?? defaults[path] ?? (() => ({ errcode: 0, errmsg: 'ok' }))
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(await handler(call, n)))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    base: `http://127.0.0.1:${port}${prefix}`,
    calls,
    count: (path: string) => calls.filter((c) => c.path === path).length,
    on: (path: string, handler: FakeHandler) => handlers.set(path, handler),
    reset: () => {
      calls.length = 0
      handlers.clear()
      tokenSeq = 0
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

export type FakeQyapi = Awaited<ReturnType<typeof startFakeQyapi>>

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })
}
