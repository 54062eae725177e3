import fs from 'node:fs'
import zlib from 'node:zlib'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DIST_DIR } from '../../server/app.js'

interface ManifestChunk {
  file: string
  src?: string
  imports?: string[]
  dynamicImports?: string[]
  isEntry?: boolean
}

const manifest: Record<string, ManifestChunk> = JSON.parse(
  fs.readFileSync(path.join(DEFAULT_DIST_DIR, '.vite/manifest.json'), 'utf8'),
)

/** Every chunk a page downloads before it can render: the chunk and its static imports, transitively. */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const dep of manifest[key]?.imports ?? []) staticClosure(dep, seen)
  return seen
}

describe('build output', () => {
  it('when the sidebar route loads, then none of its chunks come from console code', () => {
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!
    const sidebar = Object.keys(manifest).find((k) => k.includes('src/sidebar/'))!
    expect(sidebar).toBeDefined()
    const loaded = new Set([...staticClosure(entry), ...staticClosure(sidebar)])
    const consoleChunks = [...loaded].filter(
      (k) => k.includes('src/console/') || (manifest[k]!.src ?? '').includes('src/console/'),
    )
    expect(consoleChunks).toEqual([])
    // The console exists as its own lazy chunk, so the check above is not vacuous.
    expect(Object.keys(manifest).some((k) => k.includes('src/console/'))).toBe(true)
  })

  it('when the sidebar route loads, then its initial JavaScript stays within the 120 KB gzip budget', () => {
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!
    const sidebar = Object.keys(manifest).find((k) => k.includes('src/sidebar/'))!
    const chunks = new Set([...staticClosure(entry), ...staticClosure(sidebar)])
    const gzipKb =
      [...chunks].reduce(
        (sum, k) => sum + zlib.gzipSync(fs.readFileSync(path.join(DEFAULT_DIST_DIR, manifest[k]!.file))).length,
        0,
      ) / 1024
    expect(gzipKb).toBeLessThanOrEqual(120)
  })
})
