import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

/** Screenshots for the user guides (docs/guide/img/), rewritten by every e2e run so the guides never go stale. */
export const GUIDE_IMG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/guide/img')

export async function guideShot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(GUIDE_IMG_DIR, { recursive: true })
  const file = path.join(GUIDE_IMG_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}
