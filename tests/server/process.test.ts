import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PRODUCTION_ENV } from './support/production-env.js'

const root = path.resolve(import.meta.dirname, '../..')
const tsx = path.join(root, 'node_modules/.bin/tsx')

function run(env: Record<string, string>, args: string[] = []) {
  const child = spawn(tsx, ['server/cli/start.ts', '--no-build', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => {
    stdout += d
  })
  child.stderr.on('data', (d) => {
    stderr += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, out: () => stdout, err: () => stderr }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

describe('server process', () => {
  it('when PORT is malformed, then start-up stops with exit code 1 and one line naming PORT', async () => {
    const p = run({ DEMO: '1', PORT: 'abc' })
    expect(await p.exited).toBe(1)
    const lines = p.err().trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/PORT/)
  })

  it('when SIGTERM arrives, then the server stops accepting connections and exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-proc-'))
    const port = await freePort()
    const p = run({
      ...PRODUCTION_ENV,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: `sqlite:${path.join(dir, 'a.db')}`,
    })
    await expect.poll(() => p.out(), { timeout: 20_000 }).toContain('已启动')
    const health = await fetch(`http://127.0.0.1:${port}/api/health`)
    expect(await health.json()).toMatchObject({ ok: true, db: 'sqlite' })
    p.child.kill('SIGTERM')
    expect(await p.exited).toBe(0)
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow()
    // The SQLite file was created in its folder and migrated.
    expect(fs.existsSync(path.join(dir, 'a.db'))).toBe(true)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
