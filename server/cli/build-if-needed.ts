import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return fs.readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs)
}

/** Runs `vite build` when dist/ is missing or older than the front-end sources. */
export function buildFrontEndIfNeeded(root: string): void {
  const builtAt = newestMtime(path.join(root, 'dist/index.html'))
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'server/contracts'].map((p) =>
    newestMtime(path.join(root, p)),
  )
  if (builtAt > Math.max(...sources)) return
  process.stdout.write('Building the front end (vite build)…\n')
  // NODE_ENV is forced: under a test runner it is "test", and Vue would then ship its development build.
  const env = { ...process.env, NODE_ENV: 'production' }
  const result = spawnSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env,
  })
  if (result.status !== 0) {
    process.stderr.write('Front-end build failed; see the messages above.\n')
    process.exit(1)
  }
}
