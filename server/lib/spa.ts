import fs from 'node:fs'
import path from 'node:path'
import express, { type Request, type Router } from 'express'

/** Rewrites index.html per request, e.g. the simulator's bridge script in demo mode. */
export type HtmlTransform = (html: string, req: Request) => string

/** Serves the built front end: hashed assets cached for a year, every other GET gets index.html. */
export function spaRoutes(distDir: string, transforms: HtmlTransform[]): Router {
  const router = express.Router()
  const indexFile = path.join(distDir, 'index.html')
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }))
  router.use(express.static(distDir, { index: false }))
  let cached: string | undefined
  router.get(/^\/(?!api\/|simulator\/|auth\/).*/, (req, res) => {
    cached ??= fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : undefined
    if (!cached) {
      res.status(503).type('text/plain; charset=utf-8').send('前端尚未构建：请运行 npm run build（npm start 会自动构建）。')
      return
    }
    const html = transforms.reduce((acc, t) => t(acc, req), cached)
    res.setHeader('Cache-Control', 'no-cache')
    res.type('html').send(html)
  })
  return router
}
