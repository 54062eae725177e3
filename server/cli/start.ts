import { DEFAULT_DIST_DIR } from '../app.js'
import { afterDemoListen, onDemoStart } from '../features/demo/demo-start.js'
import { withLoopbackSimulator } from '../features/simulator/sim-loopback.js'
import { createLogger } from '../lib/logger.js'
import { PROJECT_ROOT } from '../lib/project-root.js'
import type { FrontEndSource } from '../lib/spa.js'
import { startServer } from '../server.js'
import { buildFrontEndIfNeeded } from './build-if-needed.js'
import { loadConfigOrExit } from './load-config-or-exit.js'

// Flags: --dev (Vite dev middleware with hot reload, for `npm run dev`), --no-build (serve dist/ as is).
const root = PROJECT_ROOT
const flags = new Set(process.argv.slice(2))
const config = loadConfigOrExit()
const logger = createLogger(config.logLevel)
let frontEnd: FrontEndSource | undefined
if (flags.has('--dev')) {
  const { viteDevFrontEnd } = await import('./vite-dev.js')
  frontEnd = await viteDevFrontEnd(root)
} else if (!flags.has('--no-build')) {
  buildFrontEndIfNeeded(root)
}
const running = await startServer(config, {
  logger,
  distDir: DEFAULT_DIST_DIR,
  frontEnd,
  scheduler: true,
  beforeListen: config.demo ? (deps) => onDemoStart(config, deps, withLoopbackSimulator) : undefined,
  afterListen: config.demo ? afterDemoListen : undefined,
})

const base = config.publicBaseUrl
process.stdout.write(
  [
    '',
    `Advisor Desk 已启动 · listening on port ${running.port} · database ${config.databaseUrl.split(':')[0]}${config.demo ? ' · DEMO mode' : ''}`,
    ...(config.demo
      ? [`  模拟企业微信桌面端 (start here): ${base}/simulator`, `  演示登录 demo sign-in:        ${base}/demo/login`]
      : []),
    `  侧边栏 sidebar:               ${base}/sidebar`,
    `  中台控制台 console:           ${base}/console`,
    '',
  ].join('\n'),
)

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
