import fs from 'node:fs'
import path from 'node:path'
import express, { type Request, type RequestHandler, type Response, type Router } from 'express'

/**
 * Rewrites index.html per request, e.g. the simulator's bridge script in demo mode or the sidebar's
 * bootstrap data. May set response headers (e.g. `Cache-Control: no-store` for a personalised page).
 */
export type HtmlTransform = (html: string, req: Request, res: Response) => string | Promise<string>

/** Where the front end comes from: the built dist/ folder, or Vite's dev server in `npm run dev`. */
export interface FrontEndSource {
  assets: RequestHandler[]
  /** Extra CSP connect-src entries, e.g. Vite's HMR websocket in `npm run dev`. */
  connectSrc?: string[]
  indexHtml(req: Request): Promise<string | undefined>
}

export const isSidebarPath = (p: string) => p === '/sidebar' || p.startsWith('/sidebar/')

/** One chunk of Vite's `.vite/manifest.json`. */
export interface ManifestChunk {
  file: string
  src?: string
  name?: string
  css?: string[]
  imports?: string[]
  isEntry?: boolean
  isDynamicEntry?: boolean
}
export type Manifest = Record<string, ManifestChunk>

/**
 * Pages whose code the HTML starts fetching at once, instead of after the entry chunk has run and the
 * router has asked for the page (a chain of round trips on a mobile network). `page` is the route's
 * lazily imported component, as the manifest keys it (its source path). `boot` (optional) names a small
 * chunk that runs as soon as it arrives, before the rest of the app has downloaded: a manifest key, or the
 * chunk's name (the bundler may fold a dynamically imported module into a shared chunk named after it).
 */
export const PAGE_CHUNKS: { match: (path: string) => boolean; boot?: string; page: string }[] = [
  { match: isSidebarPath, boot: 'sidebar-boot', page: 'src/sidebar/SidebarShellPage.vue' },
]

function findChunk(manifest: Manifest, keyOrName: string): string | undefined {
  if (manifest[keyOrName]) return keyOrName
  const named = Object.keys(manifest).filter(
    (k) => manifest[k]!.name === keyOrName && manifest[k]!.file.endsWith('.js'),
  )
  return named.length === 1 ? named[0] : undefined
}

function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key) || !manifest[key]) return seen
  seen.add(key)
  for (const dep of manifest[key].imports ?? []) staticClosure(manifest, dep, seen)
  return seen
}

/**
 * What a page needs beyond the entry (which index.html already loads): the boot module with its static
 * imports, then the page chunk's, and their CSS. Files, relative to the build's root.
 */
export function pageAssets(
  manifest: Manifest,
  page: { boot?: string; page: string },
): { boot?: string; modules: string[]; styles: string[] } {
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)
  const loaded = entry ? staticClosure(manifest, entry) : new Set<string>()
  const boot = page.boot ? findChunk(manifest, page.boot) : undefined
  const keys = [...(boot ? staticClosure(manifest, boot) : []), ...staticClosure(manifest, page.page)].filter(
    (k) => !loaded.has(k),
  )
  const entryCss = new Set([...loaded].flatMap((k) => manifest[k]!.css ?? []))
  const modules = [...new Set(keys.map((k) => manifest[k]!.file))]
  const styles = [...new Set(keys.flatMap((k) => manifest[k]!.css ?? []))].filter((f) => !entryCss.has(f))
  return { boot: boot ? manifest[boot]!.file : undefined, modules, styles }
}

/** `<link>`/`<script>` tags for pageAssets, inserted before `</head>`; unchanged HTML when the manifest lacks the page. */
function withPageAssets(html: string, manifest: Manifest | undefined, page: { boot?: string; page: string }): string {
  if (!manifest?.[page.page]) return html
  const { boot, modules, styles } = pageAssets(manifest, page)
  const tags = [
    ...modules.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
    ...styles.map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`),
    // async: runs as soon as it and its imports are in, not after the whole app (module order).
    ...(boot ? [`<script type="module" async crossorigin src="/${boot}"></script>`] : []),
  ]
  return html.replace('</head>', () => `${tags.join('')}</head>`)
}

/** Built front end: hashed assets cached for a year, index.html (and its per-page variants) read once. */
export function distFrontEnd(distDir: string): FrontEndSource {
  const indexFile = path.join(distDir, 'index.html')
  const manifestFile = path.join(distDir, '.vite/manifest.json')
  let cached: string | undefined
  let manifest: Manifest | undefined
  const variants = new Map<number, string>()
  const load = () => {
    if (cached === undefined && fs.existsSync(indexFile)) {
      cached = fs.readFileSync(indexFile, 'utf8')
      manifest = fs.existsSync(manifestFile)
        ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest)
        : undefined
    }
    return cached
  }
  return {
    assets: [
      express
        .Router()
        .use(
          '/assets',
          express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
        ),
      express.static(distDir, { index: false }),
    ],
    indexHtml: async (req) => {
      const html = load()
      const i = PAGE_CHUNKS.findIndex((p) => p.match(req.path))
      if (html === undefined || i === -1) return html
      let variant = variants.get(i)
      if (variant === undefined) variants.set(i, (variant = withPageAssets(html, manifest, PAGE_CHUNKS[i]!)))
      return variant
    },
  }
}

/** Serves the front end's assets; every other GET outside the API gets index.html (client-side routes). */
export function spaRoutes(source: FrontEndSource, transforms: HtmlTransform[]): Router {
  const router = express.Router()
  router.use(...source.assets)
  router.get(/^\/(?!api\/|simulator\/|auth\/).*/, async (req, res) => {
    const html = await source.indexHtml(req)
    if (!html) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('前端尚未构建：请运行 npm run build（npm start 会自动构建）。')
      return
    }
    // A transform may tighten this (e.g. no-store for the sidebar's personalised page).
    res.setHeader('Cache-Control', 'no-cache')
    let out = html
    for (const transform of transforms) out = await transform(out, req, res)
    res.type('html').send(out)
  })
  return router
}
