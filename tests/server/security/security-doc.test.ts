import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../../server/lib/project-root.js'

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8')

/** The issue-21 table of docs/security.md: one row per limit, each naming its tests as `file` › “test name”. */
function hardeningTable() {
  const doc = read('docs/security.md')
  const start = doc.indexOf('## Hardening limits (issue 21)')
  const end = doc.indexOf('**Minimum necessary', start)
  expect(start, 'section present').toBeGreaterThan(0)
  return doc
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
}

describe('docs/security.md tells the truth about where each limit is tested', () => {
  it('when the table cites a test file and test names, then the file exists and holds a test of each name', () => {
    const rows = hardeningTable()
    const findings = new Set(rows.map((r) => Number(/^\| (\d+) \|/.exec(r)![1])))
    expect([...findings].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    let cited = 0
    for (const row of rows) {
      // Each `tests/…` path owns the “names” that follow it, up to the next path.
      const parts = row.split(/`(tests\/[^`]+)`/)
      for (let i = 1; i < parts.length; i += 2) {
        const file = parts[i]!
        expect(fs.existsSync(path.join(PROJECT_ROOT, file)), file).toBe(true)
        const source = read(file)
        for (const [, name] of parts[i + 1]!.matchAll(/›\s*“([^”]+)”/g)) {
          expect(source.includes(name!), `${file} › ${name}`).toBe(true)
          cited++
        }
      }
    }
    expect(cited).toBeGreaterThan(30)
  })

  it('when the deploy guide gives the systemd unit, then it restarts always, has a memory ceiling and runs npm run serve', () => {
    const guide = read('docs/deploy-wecom.md')
    const unit = /```ini\n([\s\S]*?)```/.exec(guide.slice(guide.indexOf('## Running under a supervisor')))?.[1] ?? ''
    expect(unit).toMatch(/^Restart=always$/m)
    expect(unit).toMatch(/^MemoryMax=\d+[MG]$/m)
    expect(unit).toMatch(/^ExecStart=\S*npm run serve$/m)
    expect(JSON.parse(read('package.json')).scripts.serve).toContain('start.js')
  })
})
