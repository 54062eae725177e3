import { Resvg } from '@resvg/resvg-js'

// Rendering costs ~100 ms (font loading); the same picture is asked for by every card view.
const MAX_CACHED = 64
const cache = new Map<string, Buffer>()

/** SVG → PNG with the system CJK fonts, memoised per `key` (which must change when the picture does). */
export function renderPng(key: string, svg: () => string): Buffer {
  const hit = cache.get(key)
  if (hit) return hit
  const png = new Resvg(svg(), {
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
    fitTo: { mode: 'original' },
  })
    .render()
    .asPng()
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!)
  cache.set(key, png)
  return png
}
