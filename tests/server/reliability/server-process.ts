import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../../..')

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

export interface ServerProcess {
  child: ChildProcess
  exited: Promise<number | null>
  /** SIGKILL to the whole process group: a crash, no chance to clean up. */
  crash(): void
}

/** The real entry point (`npm start` minus the front-end build) as a child process; resolves once it listens
 * (tsx compiles the server on start, which takes over a minute on a loaded 2-core CI machine). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/cli/start.ts', '--no-build'], {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: tsx runs node as a child, and a crash must kill both.
    detached: true,
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let out = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out.slice(-500)}`)), 150_000)
    const onData = (d: Buffer) => {
      out += d
      if (out.includes('已启动')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (d: Buffer) => {
      out += d
    })
    child.on('exit', () => {
      clearTimeout(timer)
      reject(new Error(`server exited: ${out.slice(-500)}`))
    })
  })
  return { child, exited, crash: () => process.kill(-child.pid!, 'SIGKILL') }
}
