import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { FORMATS, type EntityFormat } from '../../../server/features/crm/formats.js'
import type { CrmEntity } from '../../../server/features/crm/records.js'
import { demoCrmSource } from '../../../server/features/seed/demo-crm-source.js'
import { client, type TestApp } from '../support/test-app.js'
import { insertBranch, insertStaff } from '../support/factories.js'

/** A temp folder with the given files (name → text); `cleanup` removes it. */
export function tempFiles(files: Record<string, string | Buffer>): {
  dir: string
  paths: Record<string, string>
  cleanup: () => void
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-files-'))
  const paths: Record<string, string> = {}
  for (const [name, body] of Object.entries(files)) fs.writeFileSync((paths[name] = path.join(dir, name)), body)
  return { dir, paths, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

export const BRANCHES_CSV =
  '机构号,机构名称,上级机构号,机构层级,省份\nH1,测试总行,,总行,北京市\nS1,西湖支行,H1,支行,浙江省\n'
export const STAFF_CSV =
  '员工号,姓名,企业微信账号,职务,角色,所属机构号,在职状态\nE1,王经理,wangjl,客户经理,客户经理,S1,在职\nE2,李经理,,理财经理,客户经理,S1,在职\n'
export const CUSTOMER_HEADER =
  '客户号,姓名,手机号,证件号码,出生年份,性别,客户分层,资产规模(元),风险等级,风评日期,管户员工号,所属机构号,是否开户,省份,标签\n'
export const customerLine = (
  cif: string,
  phone: string,
  over: Partial<Record<'name' | 'owner' | 'aum' | 'id', string>> = {},
) =>
  `${cif},${over.name ?? '赵敏'},${phone},${over.id ?? `33010619850101${cif.slice(-4).padStart(4, '0')}`},1985,女,财富,"${over.aum ?? '1,200,000.50'}",R3,2026-03-01,${over.owner ?? 'E1'},S1,是,浙江省,基金偏好|稳健\n`

/** The organisation the hand-written customer files refer to. */
export const ORG_FILES = { 'branches.csv': BRANCHES_CSV, 'staff.csv': STAFF_CSV }

/** Signs in as a fresh `admin` staff member of a fresh branch. */
export async function adminClient(t: TestApp) {
  const branch = await insertBranch(t.ctx.db.kysely)
  const admin = await insertStaff(t.ctx.db.kysely, branch.id, 'admin', { name: '周信科' })
  const c = client(t.baseUrl)
  const login = await c.request('POST', '/api/demo/login', { userid: admin.wecom_userid })
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`)
  return { c, admin }
}

export async function countRows(t: TestApp, table: 'branches' | 'staff' | 'customers' | 'holdings' | 'purchases') {
  const r = await t.ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export interface FakeCrm {
  url: string
  token: string
  /** Every request the fake received: entity, since cursor and the Authorization header. */
  requests: { entity: string; since: string | null; auth: string | undefined }[]
  /** Answer HTTP 503 for this many requests from now on, starting at request number `at` (1-based). */
  failAt(at: number | null): void
  close(): Promise<void>
}

/** A bank CRM behind the documented pull contract, serving the demo bank in pages. */
export async function startFakeCrm(opts: {
  customers: number
  pageSize: number
  now: Date
  mutate?: (entity: string, item: Record<string, string>) => Record<string, string>
}): Promise<FakeCrm> {
  const source = demoCrmSource({ now: opts.now, customers: opts.customers, pageSize: opts.pageSize })
  const token = 'fake-crm-token-0123456789'
  const requests: FakeCrm['requests'] = []
  let failing: number | null = null
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x')
    const entity = url.pathname.split('/').pop() as CrmEntity
    const since = url.searchParams.get('since')
    requests.push({ entity, since, auth: req.headers.authorization })
    if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end()
    if (failing !== null && requests.length >= failing) return void res.writeHead(503).end()
    if (!(entity in FORMATS)) return void res.writeHead(404).end()
    const page = await source.fetchPage(entity, since)
    const format = FORMATS[entity] as EntityFormat
    const items = page.records.map((r) => (opts.mutate ?? ((_e, i) => i))(entity, format.cells(r.record)))
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ items, next_cursor: page.nextCursor, has_more: page.hasMore }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm/v1`,
    token,
    requests,
    failAt: (at) => {
      failing = at
    },
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}
