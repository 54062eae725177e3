import { createServer } from 'node:http'
import { startTestApp, type TestApp } from './test-app.js'

export type Override = (path: string) => { status?: number; body: unknown } | undefined

/**
 * Stands between the app's WeCom client and the app's own simulator: the app is configured before it
 * listens, so WECOM_API_BASE points here and `target` is filled in once the app is up. `override`
 * replaces a reply (a WeCom errcode or an HTTP failure) for the tests of failure paths.
 */
export async function startSimulatorProxy() {
  const state: { target: string; override?: Override; calls: string[] } = { target: '', calls: [] }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const path = url.pathname.replace(/^\/cgi-bin/, '')
    state.calls.push(path)
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const forced = state.override?.(path)
    if (forced) {
      res.writeHead(forced.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(forced.body))
      return
    }
    try {
      const upstream = await fetch(`${state.target}/simulator/cgi-bin${path}${url.search}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
      })
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text())
    } catch {
      // The simulator dropped the connection (a network fault): the caller sees it dropped too.
      req.socket.destroy()
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    base: `http://127.0.0.1:${port}/cgi-bin`,
    state,
    count: (path: string) => state.calls.filter((c) => c === path).length,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}

export type SimulatorProxy = Awaited<ReturnType<typeof startSimulatorProxy>>

/** The app in-process with its WeCom client pointed (through the proxy) at its own simulator. */
export async function startTestAppWithWecom(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; proxy: SimulatorProxy }> {
  const proxy = await startSimulatorProxy()
  const t = await startTestApp({ ...env, WECOM_API_BASE: proxy.base })
  proxy.state.target = t.baseUrl
  return { t, proxy }
}
