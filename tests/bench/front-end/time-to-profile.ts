import type { Browser, BrowserContext, Page } from 'playwright-core'
import { SIDEBAR_VIEWPORT } from '../../e2e/support/browser.js'

/** Fast 4G as the issue defines it: 150 ms round trip, 1.6 Mbit/s down (750 kbit/s up). */
const FAST_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
}
const CPU_SLOWDOWN = 4
const MARK = 'advisor:profile-rendered'

export async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', FAST_4G)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
}

/**
 * Navigation start → the profile-rendered mark, in a fresh context (cold cache, as a manager opening
 * the sidebar for the first time that day), throttled; median of `runs` loads.
 */
export async function timeToProfile(
  browser: Browser,
  url: string,
  opts: { runs: number; prepare?: (context: BrowserContext) => Promise<void>; inspect?: (page: Page) => Promise<void> },
): Promise<{ medianMs: number; runsMs: number[] }> {
  const runsMs: number[] = []
  for (let i = 0; i < opts.runs; i++) {
    const context = await browser.newContext({ viewport: SIDEBAR_VIEWPORT })
    try {
      await opts.prepare?.(context)
      const page = await context.newPage()
      await throttle(page)
      await page.goto(url, { waitUntil: 'commit', timeout: 60_000 })
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, {
        timeout: 60_000,
        polling: 50,
      })
      runsMs.push(await page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, MARK))
      await opts.inspect?.(page)
    } finally {
      await context.close()
    }
  }
  const sorted = [...runsMs].sort((a, b) => a - b)
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, runsMs }
}
