import { setTimeout as delay } from 'node:timers/promises'
import type { Request } from 'express'
import type { Me } from '../contracts/session.js'
import type { JsSignatures } from '../contracts/wecom.js'
import { JS_SIGNATURES_RATE_LIMIT, signPageUrl } from '../features/wecom/js-signatures.service.js'
import { getWecomClient } from '../features/wecom/wecom-client.js'
import { branchName } from '../features/org/index.js'
import type { AppContext } from './context.js'
import { hitRateLimit } from './rate-limit.js'
import { isSidebarPath, type HtmlTransform } from './spa.js'

/** The id of the `<script type="application/json">` block the sidebar reads (src/sidebar/sidebar-boot.ts). */
export const SIDEBAR_BOOTSTRAP_ID = 'advisor-bootstrap'

/**
 * What the sidebar would otherwise fetch before its first useful call: who is signed in (`/api/session/me`)
 * and the JS-SDK signatures of exactly this page (`/api/wecom/js-signatures`). `url` is the URL signed;
 * the page uses the signatures only when its own `location.href` (cut at `#`) is that URL.
 */
export interface SidebarBootstrap {
  me: Me
  jsSignatures?: JsSignatures & { url: string }
}

/**
 * Embeds the sidebar's bootstrap into its HTML, saving two round trips on the way to the profile.
 * Only for a signed-in staff member (nothing for anonymous callers: they are sent through OAuth first),
 * and the page is then `no-store`: it carries one person's data and a fresh signature. The signatures
 * come from the same function, origin check and per-IP budget as `POST /api/wecom/js-signatures`; when the
 * budget is spent or WeCom is unreachable the page goes without them and the client asks the API as before.
 * CSP stays `script-src 'self'`: a JSON block is data, never executed.
 */
export function sidebarBootstrap(ctx: AppContext, opts: { signDeadlineMs?: number } = {}): HtmlTransform {
  const client = getWecomClient(ctx)
  // The tickets are normally cached (kv); when WeCom is slow the page must not wait for it.
  const deadlineMs = opts.signDeadlineMs ?? 1000

  async function signatures(req: Request): Promise<SidebarBootstrap['jsSignatures']> {
    // The page's own URL as the browser has it: the public origin plus the request target (never a `#`).
    const url = ctx.config.publicBaseUrl + req.originalUrl
    const { name, key, limit, windowMs } = JS_SIGNATURES_RATE_LIMIT
    const deadline = new AbortController()
    try {
      const budget = await hitRateLimit(ctx.db.kysely, `${name}:${key(req)}`, limit, windowMs, ctx.now())
      if (!budget.allowed) return undefined
      const signing = signPageUrl(ctx, client, url)
      signing.catch(() => {
        /* reported below when it wins the race; a later failure the API meets again */
      })
      const late = delay(deadlineMs, undefined, { signal: deadline.signal }).catch(() => undefined)
      const signed = await Promise.race([signing, late])
      return signed && { url, ...signed }
    } catch (err) {
      ctx.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'sidebar bootstrap: page not signed, the client will ask the API',
      )
      return undefined
    } finally {
      deadline.abort()
    }
  }

  return async (html, req, res) => {
    if (!isSidebarPath(req.path)) return html
    res.setHeader('Cache-Control', 'no-store')
    const staff = req.staff
    if (!staff) return html
    const [branch, jsSignatures] = await Promise.all([branchName(ctx.db.kysely, staff.branchId), signatures(req)])
    const me: Me = {
      id: staff.id,
      userid: staff.userid,
      name: staff.name,
      role: staff.role,
      branchId: staff.branchId,
      branchName: branch ?? '',
    }
    const data: SidebarBootstrap = { me, ...(jsSignatures ? { jsSignatures } : {}) }
    // `<` escaped: nothing in the data can close the script element.
    const block = `<script type="application/json" id="${SIDEBAR_BOOTSTRAP_ID}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`
    return html.includes('</head>') ? html.replace('</head>', () => `${block}</head>`) : block + html
  }
}
