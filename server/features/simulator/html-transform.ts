import type { Request } from 'express'

const BRIDGE_TAG = '<script src="/simulator/bridge.js"></script>'

/**
 * Puts the fake WeCom bridge first in <head> of sidebar pages, so it runs before the app bundle —
 * unless the page is opened in a real WeCom client (its UA says wxwork), which has the real bridge.
 */
export function injectBridge(html: string, req: Request): string {
  const isSidebar = req.path === '/sidebar' || req.path.startsWith('/sidebar/')
  if (!isSidebar || /wxwork/i.test(req.get('user-agent') ?? '')) return html
  return html.replace(/<head(\s[^>]*)?>/i, (head) => head + BRIDGE_TAG)
}
