import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_DIST_DIR } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import type { Db } from '../../../server/db/connect.js'
import { afterDemoListen, onDemoStart } from '../../../server/features/demo/demo-start.js'
import { withLoopbackSimulator } from '../../../server/features/simulator/sim-loopback.js'
import { createLogger } from '../../../server/lib/logger.js'
import { piiOf, type Pii } from '../../../server/lib/pii.js'
import { startServer, type RunningServer } from '../../../server/server.js'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

export interface DemoServer extends RunningServer {
  baseUrl: string
  /** The server's own database handle, for picking test subjects and checking outcomes. */
  db: Db
  /** The server's PII keys, for matching customers by their phone hash. */
  pii: Pii
}

/** The product as `npm start` runs it (demo mode, built front end), on a fresh seeded SQLite file. */
export async function startDemoServer(
  opts: { customers?: number; scenario?: 'bank' | 'new-corp' } = {},
): Promise<DemoServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-e2e-'))
  const port = await freePort()
  const config = loadConfig({
    DEMO: '1',
    PORT: String(port),
    DATABASE_URL: `sqlite:${path.join(dir, 'e2e.db')}`,
    LOG_LEVEL: 'warn',
    DEMO_SCENARIO: opts.scenario ?? 'bank',
  })
  let db: Db | undefined
  const running = await startServer(config, {
    logger: createLogger('warn'),
    distDir: DEFAULT_DIST_DIR,
    // As `npm start`: the bank's live relations come in through the relation import before the port opens;
    // a new corp's import starts once it is open.
    beforeListen: async (deps) => {
      db = deps.db
      await onDemoStart(config, deps, withLoopbackSimulator, { customers: opts.customers ?? 3000 })
    },
    afterListen: afterDemoListen,
  })
  return {
    ...running,
    db: db!,
    pii: piiOf(config),
    baseUrl: `http://localhost:${port}`,
    close: async () => {
      await running.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
