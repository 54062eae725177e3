import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_DIST_DIR } from '../../../server/app.js'
import { buildFrontEndIfNeeded } from '../../../server/cli/build-if-needed.js'
import { launchBrowser } from '../../e2e/support/browser.js'
import type { BenchServer } from '../child-process.js'
import type { Manager } from '../subjects.js'
import { buildFloor, serveFloor } from './floor.js'
import { initialSize, type InitialSize } from './sizes.js'
import { timeToProfile } from './time-to-profile.js'

export interface FrontEndFigures {
  sidebar: InitialSize
  verify: InitialSize
  timeToProfile: { appMs: number; floorMs: number; appRuns: number[]; floorRuns: number[] }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const RUNS = 3

export function bundleSizes(): Pick<FrontEndFigures, 'sidebar' | 'verify'> {
  buildFrontEndIfNeeded(ROOT)
  return {
    sidebar: initialSize(DEFAULT_DIST_DIR, 'src/sidebar/SidebarShellPage.vue'),
    verify: initialSize(DEFAULT_DIST_DIR, 'src/verify/VerifyPage.vue'),
  }
}

/** The sidebar as WeCom opens it (bridge injected, session cookie already set) against the floor page. */
export async function frontEndTiming(server: BenchServer, manager: Manager): Promise<FrontEndFigures['timeToProfile']> {
  const contact = manager.contacts[0]!
  const res = await fetch(`${server.url}/api/contacts/${encodeURIComponent(contact)}`, {
    headers: { cookie: manager.cookie },
  })
  if (!res.ok) throw new Error(`profile for the floor page: HTTP ${res.status}`)
  const floorDir = await buildFloor()
  const floor = await serveFloor(floorDir, await res.text())
  const browser = await launchBrowser()
  try {
    const [name, value] = manager.cookie.split(/=(.*)/s) as [string, string]
    // The JS-SDK signature is for the public base URL the config derives in demo mode: localhost, not 127.0.0.1.
    const origin = server.url.replace('127.0.0.1', 'localhost')
    const sidebarUrl = `${origin}/sidebar?${new URLSearchParams({ sim_user: manager.userid, sim_contact: contact, sim_entry: 'single_chat_tools' })}`
    const app = await timeToProfile(browser, sidebarUrl, {
      runs: RUNS,
      prepare: (ctx) => ctx.addCookies([{ name, value, url: origin }]),
    })
    const floorRun = await timeToProfile(browser, floor.url, { runs: RUNS })
    return { appMs: app.medianMs, floorMs: floorRun.medianMs, appRuns: app.runsMs, floorRuns: floorRun.runsMs }
  } finally {
    await browser.close()
    await floor.close()
    fs.rmSync(floorDir, { recursive: true, force: true })
  }
}
