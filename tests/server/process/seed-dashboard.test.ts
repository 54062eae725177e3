import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METRICS } from '../../../server/contracts/metrics.js'
import type { DashboardQueryT } from '../../../server/contracts/process.js'
import { seedDemoBank } from '../../../server/features/seed/seed.js'
import type { SessionStaff } from '../../../server/lib/express-types.js'
import { piiOf } from '../../../server/lib/pii.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { checkView } from './metric-invariants.js'

const NOW = new Date('2026-11-23T02:00:00.000Z')
let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
  t.setNow(NOW)
  await seedDemoBank(t.testDb.db, { now: NOW, pii: piiOf(t.ctx.config), customers: 2000 })
}, 300_000)
afterAll(async () => {
  await t.close()
})

async function viewer(role: 'middle' | 'supervisor'): Promise<SessionStaff> {
  const s = await t.ctx.db.kysely
    .selectFrom('staff')
    .innerJoin('branches', 'branches.id', 'staff.branch_id')
    .select(['staff.id', 'staff.wecom_userid', 'staff.name', 'staff.role', 'staff.branch_id'])
    .where('staff.role', '=', role)
    .where('staff.wecom_userid', 'is not', null)
    .orderBy('branches.level')
    .orderBy('staff.id')
    .executeTakeFirstOrThrow()
  return { id: s.id, userid: s.wecom_userid!, name: s.name, role: s.role, branchId: s.branch_id }
}

describe('the demo seed on the dashboard', () => {
  it('when the middle office and a supervisor read every period of the seeded bank, then every figure passes the invariants', async () => {
    const queries: DashboardQueryT[] = [
      { period: 'week', date: '2026-11-23' },
      { period: 'week', date: '2026-11-16' },
      { period: 'month', date: '2026-11-23' },
      { period: 'month', date: '2026-10-15' },
      { period: 'day', date: '2026-11-20' },
    ]
    for (const who of [await viewer('middle'), await viewer('supervisor')]) {
      for (const q of queries) {
        const { view } = await checkView(t.ctx, who, q)
        if (view.rows[0]?.kind === 'branch') await checkView(t.ctx, who, { ...q, branchId: view.rows[0].id })
      }
    }
    const { view } = await checkView(t.ctx, await viewer('middle'), { period: 'month', date: '2026-11-23' })
    expect(view.total.numbers.newContacts).toBeGreaterThan(0)
    expect(view.freshness.updating).toBe(false)
  }, 300_000)

  it('when the docs are read, then every metric of the dictionary is listed with its label', () => {
    const doc = fs.readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8')
    for (const [key, m] of Object.entries(METRICS)) expect(doc).toContain(`| \`${key}\` | ${m.label} |`)
  })
})
