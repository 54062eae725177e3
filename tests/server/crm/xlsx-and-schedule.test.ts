import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nightlySyncDue } from '../../../server/features/crm/sync-schedule.js'
import { importFiles } from '../../../server/features/crm/import.service.js'
import { writeSamples } from '../../../server/features/crm/samples.js'
import { demoCrmSource } from '../../../server/features/seed/demo-crm-source.js'
import { startTestApp, type TestApp } from '../support/test-app.js'
import { countRows } from './crm-fixtures.js'

describe('sample files and XLSX import', () => {
  let t: TestApp
  let dir: string
  beforeAll(async () => {
    t = await startTestApp()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-samples-'))
    await writeSamples({
      dir,
      source: demoCrmSource({ now: new Date('2026-11-23T02:00:00Z'), customers: 30, pageSize: 2000 }),
      xlsx: true,
    })
  })
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    await t.close()
  })

  it('when the generated workbook (one sheet per entity) is imported, then everything lands, and the CSVs of the same data change nothing', async () => {
    const xlsx = await importFiles(t.ctx, [{ path: path.join(dir, 'samples.xlsx'), name: 'samples.xlsx' }], {
      dryRun: false,
      trigger: 'cli',
      actorStaffId: null,
    })
    expect(xlsx.status, JSON.stringify(xlsx.errors.slice(0, 3))).toBe('succeeded')
    expect(xlsx.counts.customers).toEqual({ inserted: 30, updated: 0, unchanged: 0, invalid: 0 })
    expect(xlsx.counts.holdings!.inserted).toBe(await countRows(t, 'holdings'))
    const csvFiles = ['purchases', 'customers', 'holdings', 'staff', 'branches'].map((e) => ({
      path: path.join(dir, `${e}.csv`),
      name: `${e}.csv`,
    }))
    const csv = await importFiles(t.ctx, csvFiles, { dryRun: false, trigger: 'cli', actorStaffId: null })
    expect(csv.status).toBe('succeeded')
    expect(Object.values(csv.counts).every((c) => c.inserted === 0 && c.updated === 0 && c.unchanged > 0)).toBe(true)
  })

  it('when a workbook is cut short, then the run fails and nothing is written', async () => {
    const cut = path.join(dir, 'cut.xlsx')
    const whole = fs.readFileSync(path.join(dir, 'samples.xlsx'))
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)))
    const before = await countRows(t, 'purchases')
    const run = await importFiles(t.ctx, [{ path: cut, name: 'cut.xlsx' }], {
      dryRun: false,
      trigger: 'cli',
      actorStaffId: null,
    })
    expect(run.status).toBe('failed')
    expect(await countRows(t, 'purchases')).toBe(before)
  })

  it('when it is past the nightly time, then a sync is due once a night, retried after a failure at most three times', async () => {
    const at = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00+08:00`)
    const run = async (startedAt: Date, status: 'failed' | 'succeeded') => {
      await t.ctx.db.kysely
        .insertInto('crm_runs')
        .values({
          id: `n-${startedAt.getTime()}`,
          kind: 'http',
          trigger: 'nightly',
          dry_run: 0,
          status,
          source: 'x',
          actor_staff_id: null,
          started_at: startedAt.toISOString(),
          finished_at: null,
          counts: '{}',
          error_count: 0,
          message: null,
        })
        .execute()
    }
    expect(await nightlySyncDue(t.ctx, at('02:00'))).toBe(false)
    expect(await nightlySyncDue(t.ctx, at('02:31'))).toBe(true)
    await run(at('02:31'), 'failed')
    expect(await nightlySyncDue(t.ctx, at('02:50'))).toBe(false)
    expect(await nightlySyncDue(t.ctx, at('03:01'))).toBe(true)
    await run(at('03:01'), 'failed')
    await run(at('03:31'), 'failed')
    expect(await nightlySyncDue(t.ctx, at('05:00'))).toBe(false)
    expect(await nightlySyncDue(t.ctx, new Date('2026-11-25T02:40:00+08:00'))).toBe(true)
    await run(new Date('2026-11-25T02:40:00+08:00'), 'succeeded')
    expect(await nightlySyncDue(t.ctx, new Date('2026-11-25T23:00:00+08:00'))).toBe(false)
  })
})
