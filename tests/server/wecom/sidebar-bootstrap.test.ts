import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { MeSchema } from '../../../server/contracts/session.js'
import { JsSignaturesResponse } from '../../../server/contracts/wecom.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client, startTestApp, type TestApp } from '../support/test-app.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'

const ORIGIN = 'https://advisor.bank.example.cn'
const NOW = new Date('2025-03-03T02:00:00Z')
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36'
const BLOCK = /<script type="application\/json" id="advisor-bootstrap">([^<]*)<\/script>/

/** Facts §2.2, written out again here rather than imported: the embedded signature must verify on its own. */
const factsSignature = (ticket: string, nonceStr: string, timestamp: number, url: string) =>
  createHash('sha1')
    .update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`)
    .digest('hex')

/** A built front end in miniature: index.html plus a manifest naming the sidebar's page and boot chunks. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-dist-'))
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" crossorigin src="/assets/index-1.js"></script><link rel="stylesheet" crossorigin href="/assets/index-1.css"></head><body><div id="app"></div></body></html>',
  )
  fs.mkdirSync(path.join(dir, '.vite'))
  fs.writeFileSync(
    path.join(dir, '.vite/manifest.json'),
    JSON.stringify({
      'index.html': {
        file: 'assets/index-1.js',
        src: 'index.html',
        isEntry: true,
        css: ['assets/index-1.css'],
        dynamicImports: ['src/sidebar/SidebarShellPage.vue', 'src/console/ConsoleShellPage.vue'],
      },
      'src/sidebar/SidebarShellPage.vue': {
        file: 'assets/SidebarShellPage-1.js',
        src: 'src/sidebar/SidebarShellPage.vue',
        isDynamicEntry: true,
        imports: ['index.html', '_sidebar-boot-1.js', '_sidebar-1.js'],
        css: ['assets/SidebarShellPage-1.css'],
      },
      '_sidebar-boot-1.js': { file: 'assets/sidebar-boot-1.js', name: 'sidebar-boot', imports: ['_helpers-1.js'] },
      '_helpers-1.js': { file: 'assets/helpers-1.js', name: 'helpers' },
      '_sidebar-1.js': {
        file: 'assets/sidebar-1.js',
        name: 'sidebar',
        imports: ['index.html', '_sidebar-boot-1.js'],
        css: ['assets/sidebar-1.css'],
      },
      'src/console/ConsoleShellPage.vue': {
        file: 'assets/ConsoleShellPage-1.js',
        src: 'src/console/ConsoleShellPage.vue',
        isDynamicEntry: true,
        imports: ['index.html'],
      },
    }),
  )
  return dir
}

/** What the server embeds (src/sidebar/sidebar-boot.ts reads it); strict, so an extra field about the manager fails. */
const SidebarBootstrap = z.strictObject({
  me: z.strictObject(MeSchema.shape),
  jsSignatures: JsSignaturesResponse.extend({ url: z.string() }).optional(),
})
function bootstrapOf(html: string) {
  const m = BLOCK.exec(html)
  if (!m) throw new Error('the page has no advisor-bootstrap block')
  return SidebarBootstrap.parse(JSON.parse(m[1]!))
}

describe('/sidebar HTML: embedded bootstrap (who is signed in, JS-SDK signatures of the page)', () => {
  let fake: FakeQyapi
  let t: TestApp
  let distDir: string
  let staff: Awaited<ReturnType<typeof insertStaff>>
  let branchName: string
  let cookie = ''

  beforeAll(async () => {
    fake = await startFakeQyapi()
    distDir = fakeDist()
    t = await startTestApp({ WECOM_API_BASE: fake.base, PUBLIC_BASE_URL: ORIGIN }, { distDir })
    t.setNow(NOW)
    const branch = await insertBranch(t.ctx.db.kysely, { name: '杭州西湖支行' })
    branchName = branch.name
    // A name that would close the script element if it were not escaped.
    staff = await insertStaff(t.ctx.db.kysely, branch.id, 'front', { name: '王敏</script><script>alert(1)</script>' })
    const c = client(t.baseUrl)
    expect((await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })).status).toBe(200)
    cookie = c.cookie
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
    fs.rmSync(distDir, { recursive: true, force: true })
  })

  const page = (p: string, opts: { cookie?: string; ip?: string } = {}) =>
    fetch(t.baseUrl + p, {
      headers: {
        'user-agent': CHROME_UA,
        'x-forwarded-for': opts.ip ?? '10.1.0.1',
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
      },
    })

  it('when a signed-in manager opens the sidebar, then the page carries them and signatures that verify for exactly its URL, and is never stored', async () => {
    const res = await page('/sidebar?sim_user=u1&from=chat', { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    const data = bootstrapOf(html)
    expect(data.me).toEqual({
      id: staff.id,
      userid: staff.wecom_userid,
      name: staff.name,
      role: 'front',
      branchId: staff.branch_id,
      branchName,
    })
    const url = `${ORIGIN}/sidebar?sim_user=u1&from=chat`
    const s = data.jsSignatures
    if (!s) throw new Error('no JS-SDK signatures in the bootstrap')
    expect(s).toMatchObject({ url, corpId: t.ctx.config.wecom.corpId, agentId: t.ctx.config.wecom.agentId })
    const ts = NOW.getTime() / 1000
    expect(s.agent.timestamp).toBe(ts)
    expect(s.agent.signature).toBe(factsSignature('agent-ticket-1', s.agent.nonceStr, ts, url))
    expect(s.corp.signature).toBe(factsSignature('corp-ticket-1', s.corp.nonceStr, ts, url))
    expect(s.agent.nonceStr).not.toBe(s.corp.nonceStr)
    // Tickets never leave the server; nothing in the data can end the script element early.
    expect(html).not.toContain('ticket-1')
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('\\u003c/script>')
    // The bridge (demo mode) stays first in <head>; the block sits before </head>, before the app's scripts run.
    expect(html).toMatch(/^<!doctype html><html><head><script src="\/simulator\/bridge\.js"><\/script><meta charset/)
    expect(html.indexOf('advisor-bootstrap')).toBeLessThan(html.indexOf('</head>'))
  })

  it('when nobody is signed in, then the sidebar page embeds nothing and is still not stored', async () => {
    const res = await page('/sidebar?sim_user=u1')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html).not.toContain('advisor-bootstrap')
    expect(html).not.toContain('signature')
    // A forged or expired cookie is nobody.
    const forged = await (await page('/sidebar', { cookie: `${cookie.split('.')[0]}.AAAA` })).text()
    expect(forged).not.toContain('advisor-bootstrap')
  })

  it('when another page is opened while signed in, then it embeds nothing and keeps its ordinary caching', async () => {
    const res = await page('/console/dashboard', { cookie })
    expect(res.headers.get('cache-control')).toBe('no-cache')
    const html = await res.text()
    expect(html).not.toContain('advisor-bootstrap')
    expect(html).not.toContain('modulepreload')
  })

  it('when the manager has spent their signing budget (shared with POST /api/wecom/js-signatures), then the page still names the manager but carries no signatures', async () => {
    const ip = '10.7.7.7'
    // The budget is the manager's: start from a fresh minute, past the pages the tests above opened.
    t.setNow(new Date(Math.ceil((t.ctx.now().getTime() + 1) / 60_000) * 60_000))
    const sign = () =>
      fetch(`${t.baseUrl}/api/wecom/js-signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-advisor-request': '1', 'x-forwarded-for': ip, cookie },
        body: JSON.stringify({ url: `${ORIGIN}/sidebar` }),
      })
    // 59 through the API and one embedded make the 60 a minute the route allows...
    for (let i = 0; i < 59; i++) expect((await sign()).status).toBe(200)
    expect(bootstrapOf(await (await page('/sidebar', { cookie, ip })).text()).jsSignatures).toBeDefined()
    // ...so the next page goes without, and the API refuses as before.
    const data = bootstrapOf(await (await page('/sidebar', { cookie, ip })).text())
    expect(data.me.id).toBe(staff.id)
    expect(data.jsSignatures).toBeUndefined()
    expect((await sign()).status).toBe(429)
  })

  it('when the page is served from a build, then the sidebar chunks are preloaded and its boot starts from the HTML', async () => {
    const html = await (await page('/sidebar', { cookie })).text()
    for (const f of ['sidebar-boot-1.js', 'helpers-1.js', 'sidebar-1.js', 'SidebarShellPage-1.js'])
      expect(html).toContain(`<link rel="modulepreload" crossorigin href="/assets/${f}">`)
    for (const f of ['sidebar-1.css', 'SidebarShellPage-1.css'])
      expect(html).toContain(`<link rel="stylesheet" crossorigin href="/assets/${f}">`)
    expect(html).toContain('<script type="module" async crossorigin src="/assets/sidebar-boot-1.js"></script>')
    // What index.html loads already is not repeated.
    expect(html.match(/index-1\.js/g)).toHaveLength(1)
    expect(html.match(/index-1\.css/g)).toHaveLength(1)
  })
})

describe('/sidebar HTML when WeCom cannot be reached', () => {
  it('when WeCom is slow to hand out tickets, then the page gives up on it at the one-second deadline: served unsigned in 1–2 s, before WeCom answers at 3 s', async () => {
    const fake = await startFakeQyapi()
    const slow = () =>
      new Promise((resolve) =>
        setTimeout(() => resolve({ errcode: 0, errmsg: 'ok', ticket: 'late-ticket', expires_in: 7200 }), 3000),
      )
    fake.on('/ticket/get', slow)
    fake.on('/get_jsapi_ticket', slow)
    const distDir = fakeDist()
    const t = await startTestApp({ WECOM_API_BASE: fake.base, PUBLIC_BASE_URL: ORIGIN }, { distDir })
    try {
      const branch = await insertBranch(t.ctx.db.kysely)
      const staff = await insertStaff(t.ctx.db.kysely, branch.id)
      const c = client(t.baseUrl)
      await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
      const started = Date.now()
      const data = bootstrapOf(
        await (await fetch(`${t.baseUrl}/sidebar`, { headers: { cookie: c.cookie, 'user-agent': CHROME_UA } })).text(),
      )
      const elapsed = Date.now() - started
      // Timers may fire a millisecond early; the upper bound leaves room for a loaded machine.
      expect(elapsed).toBeGreaterThanOrEqual(990)
      expect(elapsed).toBeLessThan(2000)
      expect(data.me.id).toBe(staff.id)
      expect(data.jsSignatures).toBeUndefined()
    } finally {
      await t.close()
      await fake.close()
      fs.rmSync(distDir, { recursive: true, force: true })
    }
  })

  it('when the tickets cannot be fetched, then the page still loads with the manager and without signatures (the client asks the API)', async () => {
    const fake = await startFakeQyapi()
    fake.on('/ticket/get', () => ({ errcode: -1, errmsg: 'system busy' }))
    fake.on('/get_jsapi_ticket', () => ({ errcode: -1, errmsg: 'system busy' }))
    const distDir = fakeDist()
    const t = await startTestApp({ WECOM_API_BASE: fake.base, PUBLIC_BASE_URL: ORIGIN }, { distDir })
    try {
      const branch = await insertBranch(t.ctx.db.kysely)
      const staff = await insertStaff(t.ctx.db.kysely, branch.id)
      const c = client(t.baseUrl)
      await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
      const res = await fetch(`${t.baseUrl}/sidebar`, { headers: { cookie: c.cookie, 'user-agent': CHROME_UA } })
      expect(res.status).toBe(200)
      const data = bootstrapOf(await res.text())
      expect(data.me.id).toBe(staff.id)
      expect(data.jsSignatures).toBeUndefined()
    } finally {
      await t.close()
      await fake.close()
      fs.rmSync(distDir, { recursive: true, force: true })
    }
  })
})
