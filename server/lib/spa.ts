import fs from 'node:fs'
import path from 'node:path'
import express, { type Request, type RequestHandler, type Router } from 'express'

/** Rewrites index.html per request, e.g. the simulator's bridge script in demo mode. */
export type HtmlTransform = (html: string, req: Request) => string

/** Where the front end comes from: the built dist/ folder, or Vite's dev server in `npm run dev`. */
export interface FrontEndSource {
  assets: RequestHandler[]
  /** Extra CSP connect-src entries, e.g. Vite's HMR websocket in `npm run dev`. */
  connectSrc?: string[]
  indexHtml(req: Request): Promise<string | undefined>
}

/** Built front end: hashed assets cached for a year, index.html read once. */
export function distFrontEnd(distDir: string): FrontEndSource {
  const indexFile = path.join(distDir, 'index.html')
  let cached: string | undefined
  return {
    assets: [
      express.Router().use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false })),
      express.static(distDir, { index: false }),
    ],
    indexHtml: async () => (cached ??= fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : undefined),
  }
}

/** Serves the front end's assets; every other GET outside the API gets index.html (client-side routes). */
export function spaRoutes(source: FrontEndSource, transforms: HtmlTransform[]): Router {
  const router = express.Router()
  router.use(...source.assets)
  router.get(/^\/(?!api\/|simulator\/|auth\/).*/, async (req, res) => {
    const html = await source.indexHtml(req)
    if (!html) {
      res.status(503).type('text/plain; charset=utf-8').send('前端尚未构建：请运行 npm run build（npm start 会自动构建）。')
      return
    }
    res.setHeader('Cache-Control', 'no-cache')
    res.type('html').send(transforms.reduce((acc, t) => t(acc, req), html))
  })
  return router
}
