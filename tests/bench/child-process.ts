import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChildSpec } from './server-child.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// The servers under test run compiled, as deployed (`npm run build:server`, then plain node): under the
// tsx loader the same process holds ~60 MB more (a loader thread and the transformed sources).
const CHILD = path.join(ROOT, 'build/tests/bench/server-child.js')

// As `npm run serve` runs it: a smaller young generation keeps the server about 28 MB leaner under load
// (measured 256 → 227 MB peak over the profile, recommendation and suggestion loads) at the same throughput.
const DEPLOYED_NODE_FLAGS = ['--max-semi-space-size=4']

/** Compiles the server (incremental) so the children run the code in this checkout. */
export function buildServer(): void {
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.server.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error('npm run build:server failed; see the messages above')
}

export interface BenchServer {
  url: string
  pid: number
  /** Highest resident set size seen by `sampleRss`, in MB. */
  peakRssMb: number
  sampleRss(): void
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

/** Resident set size of a process from /proc (Linux), in MB. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/** BENCH_CPU_PROF_DIR=dir: every server child writes a V8 CPU profile there when it stops (where the time goes). */
function cpuProfileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : []
}

/** Starts a server process (compiled, plain node) and resolves once it listens on loopback. */
export async function startBenchServer(spec: Omit<ChildSpec, 'port'>, timeoutMs = 120_000): Promise<BenchServer> {
  const port = await freePort()
  const child: ChildProcess = fork(CHILD, [JSON.stringify({ ...spec, port })], {
    execArgv: [...DEPLOYED_NODE_FLAGS, ...cpuProfileFlags()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${spec.mode} server did not start in ${timeoutMs} ms`)), timeoutMs)
    child.once('message', () => {
      clearTimeout(timer)
      resolve()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${spec.mode} server exited with ${code}`))
    })
  })
  const pid = child.pid!
  const server: BenchServer = {
    url: `http://127.0.0.1:${port}`,
    pid,
    peakRssMb: 0,
    sampleRss() {
      try {
        server.peakRssMb = Math.max(server.peakRssMb, rssMb(pid))
      } catch {
        /* exited */
      }
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.disconnect()
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(force)
    },
  }
  return server
}
