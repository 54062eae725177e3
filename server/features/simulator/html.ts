/** Escapes text for HTML element content and double-quoted attributes. */
export function esc(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/** A simulator page: no inline scripts (CSP `script-src 'self'`), styles and scripts from /simulator/static. */
export function page(
  title: string,
  body: string,
  opts: { css?: string[]; scripts?: string[]; bodyClass?: string } = {},
): string {
  const css = (opts.css ?? ['sim.css'])
    .map((f) => `<link rel="stylesheet" href="/simulator/static/${esc(f)}">`)
    .join('')
  const js = (opts.scripts ?? []).map((f) => `<script src="/simulator/static/${esc(f)}" defer></script>`).join('')
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>${css}${js}</head>` +
    `<body class="${esc(opts.bodyClass ?? '')}">${body}</body></html>`
  )
}
