/** Minimal Chinese pages for the OAuth outcomes that are not a redirect (no script, no inline handler). */

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

export function loginPage(title: string, message: string, retryHref?: string): string {
  const retry = retryHref ? `<p><a href="${escapeHtml(retryHref)}">重新登录</a></p>` : ''
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} - 企微顾问台</title></head>
<body style="font-family:sans-serif;padding:24px;color:#323233">
<h1 style="font-size:18px">${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${retry}
</body></html>`
}

export const PAGES = {
  refused: () => loginPage('无法登录', '您的企业微信账号未开通企微顾问台，或账号已停用。如需使用，请联系管理员开通。'),
  badState: (retryHref: string) =>
    loginPage('登录请求无效', '登录请求已失效或不是从本页面发起的，请重新登录。', retryHref),
  codeExpired: (retryHref: string) => loginPage('登录已过期', '登录凭证已使用或已超过 5 分钟，请重新登录。', retryHref),
  wecomFailed: (retryHref: string) => loginPage('暂时无法登录', '企业微信服务暂时不可用，请稍后重新登录。', retryHref),
}
