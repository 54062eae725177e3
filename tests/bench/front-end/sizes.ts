import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

interface ManifestChunk {
  file: string
  src?: string
  name?: string
  css?: string[]
  imports?: string[]
  isEntry?: boolean
}

export interface InitialSize {
  jsGzipKb: number
  cssGzipKb: number
  files: string[]
  /** Chunks that must never load with the sidebar (console code, ECharts) but do. */
  forbidden: string[]
}

function closure(manifest: Record<string, ManifestChunk>, key: string, seen: Set<string>): Set<string> {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen)
  return seen
}

/**
 * What a surface downloads before it can render: the entry, the route's chunk, and their static
 * imports with their CSS (dynamic imports load later, on demand). Sizes are gzip level 9 as served by
 * a typical reverse proxy.
 */
export function initialSize(distDir: string, routeSrc: string): InitialSize {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)
  if (!entry || !manifest[routeSrc]) throw new Error(`manifest lacks the entry or ${routeSrc}`)
  const keys = closure(manifest, routeSrc, closure(manifest, entry, new Set()))
  const js = new Set<string>()
  const css = new Set<string>()
  for (const k of keys) {
    js.add(manifest[k]!.file)
    for (const c of manifest[k]!.css ?? []) css.add(c)
  }
  const gz = (files: Set<string>) =>
    [...files].reduce((sum, f) => sum + gzipSync(fs.readFileSync(path.join(distDir, f)), { level: 9 }).length, 0) / 1024
  const forbidden = [...keys].filter((k) =>
    /src\/console\/|echarts/i.test(`${k} ${manifest[k]!.src ?? ''} ${manifest[k]!.name ?? ''}`),
  )
  for (const f of js) if (/echarts/i.test(fs.readFileSync(path.join(distDir, f), 'utf8'))) forbidden.push(f)
  return { jsGzipKb: gz(js), cssGzipKb: gz(css), files: [...js, ...css], forbidden }
}
