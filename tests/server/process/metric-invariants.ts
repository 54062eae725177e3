import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import { GUIDANCE_METRIC_LABELS } from '../../../server/contracts/metrics.js'
import type { DashboardQueryT, DashboardRow, ProcessView, ResultsView } from '../../../server/contracts/process.js'
import { bulletinHtml } from '../../../server/features/process/dashboard/bulletin.js'
import { ELIGIBLE_COLUMNS, PROCESS_COLUMNS } from '../../../server/features/process/dashboard/columns.js'
import { processView } from '../../../server/features/process/dashboard/dashboard.service.js'
import { exportWorkbook } from '../../../server/features/process/dashboard/export.service.js'
import { resultsView } from '../../../server/features/process/dashboard/results.service.js'
import type { AppContext } from '../../../server/lib/context.js'
import type { SessionStaff } from '../../../server/lib/express-types.js'

/** Numbers that add up over staff (rates and averages do not). */
const ADDITIVE = [
  'friendRequests',
  'friendRequestTarget',
  'newContacts',
  'negativeFeedback',
  'chats',
  'linksSent',
  'linksOpened',
  'verified',
  'verifiedWithoutLink',
  'staffAddsAccepted',
  'tasksAssigned',
  'tasksDone',
  'contentSent',
  'repliesUsed',
  'escalationsRaised',
  'contactsAdded',
  'contactsLost',
] as const

const inPercent = (v: number | null) => v === null || (v >= 0 && v <= 100)

/** What must hold for one row, whatever the history. */
export function expectRowSane(r: DashboardRow): void {
  const n = r.numbers
  const where = `${r.name}`
  expect(n.linksOpened, `${where} opened ≤ sent`).toBeLessThanOrEqual(n.linksSent)
  expect(n.verified, `${where} verified ≤ opened`).toBeLessThanOrEqual(n.linksOpened)
  expect(inPercent(n.replyRate), `${where} reply rate`).toBe(true)
  expect(n.newContacts, `${where} 新增客户 = 计入考核/新增's adds`).toBe(r.eligible.adds)
  expect(n.staffAddsAccepted).toBeLessThanOrEqual(n.newContacts)
  expect(r.eligible.eligible + r.eligible.outOfProvinceFlagged).toBeLessThanOrEqual(r.eligible.adds)
  for (const c of r.coverage) expect(c.covered).toBeLessThanOrEqual(c.owned)
  for (const v of [...Object.values(n), ...Object.values(r.eligible)])
    if (v !== null) expect(v).toBeGreaterThanOrEqual(0)
}

/** The total row is the sum of the rows, metric by metric. */
export function expectRowsAddUp(view: ProcessView): void {
  for (const k of ADDITIVE)
    expect(
      view.rows.reduce((a, r) => a + r.numbers[k], 0),
      `Σ ${k}`,
    ).toBe(view.total.numbers[k])
  for (const k of Object.keys(view.total.eligible) as (keyof DashboardRow['eligible'])[])
    expect(
      view.rows.reduce((a, r) => a + r.eligible[k], 0),
      `Σ eligible.${k}`,
    ).toBe(view.total.eligible[k])
  for (const c of view.total.coverage) {
    const rows = view.rows.flatMap((r) => r.coverage.filter((x) => x.segment === c.segment))
    expect(rows.reduce((a, x) => a + x.owned, 0)).toBe(c.owned)
    expect(rows.reduce((a, x) => a + x.covered, 0)).toBe(c.covered)
  }
}

export function expectResultsSane(results: ResultsView): void {
  for (const p of results.passRate) expect(inPercent(p.rate), `pass rate of ${p.name}`).toBe(true)
  for (const c of results.content) {
    expect(c.opened).toBeLessThanOrEqual(c.trackable)
    expect(c.trackable).toBeLessThanOrEqual(c.sent)
    expect(c.openRate === null).toBe(c.trackable === 0)
    expect(inPercent(c.openRate)).toBe(true)
  }
}

const cells = (html: string, table: number) =>
  [...html.split('<table>')[table + 1]!.matchAll(/<tr>(.*?)<\/tr>/g)]
    .slice(1)
    .map((m) =>
      [...m[1]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) =>
        c[1]!.replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d))),
      ),
    )

/** Dashboard = XLSX = bulletin: the same rows, the same figures, the guidance in Chinese. */
export async function expectExportsAgree(ctx: AppContext, viewer: SessionStaff, q: DashboardQueryT, view: ProcessView) {
  const all = [...view.rows, view.total]
  const { buffer } = await exportWorkbook(ctx, viewer, q)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buffer as never)
  const sheet = (name: string) =>
    wb
      .getWorksheet(name)!
      .getSheetValues()
      .slice(2)
      .map((r) => Array.from((r as unknown[]).slice(1), (v) => v ?? null))
  expect(sheet('过程指标')).toEqual(all.map((r) => PROCESS_COLUMNS.map(([, f]) => f(r))))
  expect(sheet('计入考核')).toEqual(all.map((r) => [r.name, ...ELIGIBLE_COLUMNS.map(([, f]) => f(r))]))
  const labels = Object.values(GUIDANCE_METRIC_LABELS)
  for (const row of sheet('督导建议')) expect(labels).toContain(row[1])
  const html = bulletinHtml(view)
  expect(cells(html, 0)).toEqual(all.map((r) => PROCESS_COLUMNS.map(([, f]) => String(f(r) ?? '-'))))
  expect(cells(html, 1)).toEqual(all.map((r) => [r.name, ...ELIGIBLE_COLUMNS.map(([, f]) => String(f(r)))]))
}

/** Every invariant on one view of one scope and period; returns the view and results for further checks. */
export async function checkView(ctx: AppContext, viewer: SessionStaff, q: DashboardQueryT) {
  const view = await processView(ctx, viewer, q)
  for (const r of [...view.rows, view.total]) expectRowSane(r)
  expectRowsAddUp(view)
  const again = await processView(ctx, viewer, q)
  expect(again.rows).toEqual(view.rows)
  await expectExportsAgree(ctx, viewer, q, view)
  const results = await resultsView(ctx, viewer, q)
  expectResultsSane(results)
  return { view, results }
}
