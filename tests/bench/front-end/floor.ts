import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '../../..')
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

/** Builds the floor page with the app's own Vite config (same Vue, Vant, plugins and target) into a temp dir. */
export async function buildFloor(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-bench-floor-'))
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    root: path.join(HERE, 'floor'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: false },
  })
  return outDir
}

/** Serves the built floor on loopback, the profile inlined as JSON; static files like the app's. */
export async function serveFloor(
  outDir: string,
  profileJson: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const html = fs
    .readFileSync(path.join(outDir, 'index.html'), 'utf8')
    .replace('__PROFILE_JSON__', profileJson.replace(/</g, '\\u003c'))
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (url.pathname === '/' || url.pathname === '/index.html')
      return void res.writeHead(200, { 'content-type': TYPES['.html']! }).end(html)
    const file = path.join(outDir, path.normalize(url.pathname).replace(/^[/\\]+/, ''))
    if (!file.startsWith(outDir) || !fs.existsSync(file)) return void res.writeHead(404).end()
    res
      .writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
      .end(fs.readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
