import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Frame, type Page } from 'playwright-core'
import { expect } from 'vitest'

export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots')
export const SIDEBAR_VIEWPORT = { width: 360, height: 720 }
export const CONSOLE_VIEWPORT = { width: 1280, height: 800 }

/** Debian's Chromium, headless; the network here is closed, so background traffic is switched off. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}

/** Collects uncaught page errors and console errors so a test can assert there were none. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    // A 401 is how the pages learn there is no session yet (then they sign in): expected, not a fault.
    if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(`console: ${m.text()}`)
  })
  return errors
}

/** The simulator's sidebar iframe, once it has loaded the sidebar (the OAuth redirects come first). */
export async function sidebarFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frame({ url: /\/sidebar\?/ })?.url(), { timeout: 20_000 }).toBeTruthy()
  return page.frame({ url: /\/sidebar\?/ })!
}
