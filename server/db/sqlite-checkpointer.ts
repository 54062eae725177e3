import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// Runs in the worker: its own connection to the same file; a PASSIVE checkpoint never blocks the
// main connection's readers or writers, and its fsyncs happen off the event loop.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)') } catch { /* busy: next tick */ } }
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close() })
`

export interface Checkpointer {
  stop(): Promise<void>
}

/**
 * Moves SQLite's WAL checkpoints off the request path. With automatic checkpoints a commit now and
 * then copies the WAL into the database and fsyncs it on the event loop: 25–40 ms stalls measured
 * under profile load (`npm run bench`), every request waiting behind them. The main connection raises its
 * automatic threshold to a safety valve for bulk loads (server/db/connect.ts); this worker checkpoints every
 * `intervalMs`.
 */
export function startCheckpointer(file: string, intervalMs = 1000): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  // No inherited flags: the source is CommonJS (not under --input-type=module) and needs no TypeScript loader.
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { file, driver, intervalMs } })
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    async stop() {
      // Referenced again while stopping: otherwise a process with nothing else to do would exit
      // before the worker's last checkpoint, leaving this promise unsettled.
      worker.ref()
      worker.postMessage('stop')
      await exited
    },
  }
}
