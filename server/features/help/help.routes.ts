import fs from 'node:fs'
import path from 'node:path'
import { Router } from 'express'
import { z } from 'zod'
import { notFound } from '../../lib/errors.js'
import { publicRoute } from '../../lib/policy.js'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { renderGuide } from './help-markdown.js'

const GUIDE_DIR = path.join(PROJECT_ROOT, 'docs/guide')
const Slug = z.object({ slug: z.string().regex(/^[a-z-]{2,40}$/) })
const Img = z.object({ file: z.string().regex(/^[a-z0-9-]{2,80}\.png$/) })

const STYLE = `body{font:15px/1.75 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2937;max-width:860px;margin:0 auto;padding:24px 20px 64px}
h1{font-size:26px}h2{font-size:20px;margin-top:32px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}h3{font-size:16px}
img{max-width:100%;border:1px solid #e5e7eb;border-radius:6px;margin:8px 0}code{background:#f3f4f6;padding:1px 4px;border-radius:3px}
table{border-collapse:collapse}td,th{border:1px solid #e5e7eb;padding:4px 10px;text-align:left}blockquote{margin:8px 0;padding:6px 12px;background:#eff6ff;border-left:3px solid #3b82f6}
nav{font-size:13px;margin-bottom:12px}a{color:#1d4ed8}`

/** The user guides (docs/guide/*.md) as pages at /help/<slug>, linked from the console's 帮助 menu. */
export function helpRoutes(): Router {
  const router = Router()
  router.get('/help/img/:file', publicRoute(), (req, res) => {
    const { file } = Img.parse(req.params)
    res.sendFile(path.join(GUIDE_DIR, 'img', file), (err) => {
      if (err && !res.headersSent) res.status(404).end()
    })
  })
  router.get('/help/:slug', publicRoute(), async (req, res) => {
    const { slug } = Slug.parse(req.params)
    const file = path.join(GUIDE_DIR, `${slug}.md`)
    const markdown = await fs.promises.readFile(file, 'utf8').catch(() => null)
    if (markdown === null) throw notFound('使用指南')
    const title = /^#\s+(.*)$/m.exec(markdown)?.[1] ?? '使用指南'
    res
      .type('html')
      .send(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>${title.replace(/[<>&"]/g, '')}</title><style>${STYLE}</style></head><body>` +
          `<nav><a href="/help/index">全部使用指南</a> · <a href="/console">返回控制台</a></nav>${renderGuide(markdown)}</body></html>`,
      )
  })
  return router
}
