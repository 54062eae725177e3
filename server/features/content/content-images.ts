import type { Kysely } from 'kysely'
import { TOPIC_LABELS, type MarketSymbol } from '../../contracts/content.js'
import type { Database } from '../../db/database.js'
import { buildChartSvg, buildCoverSvg } from './chart-svg.js'
import type { ContentRow } from './content-mapper.js'
import { seriesWindow } from './market-series.repository.js'
import { MARKET_SYMBOLS } from './market-symbols.js'
import { renderPng } from './png-render.js'

export interface ItemImage {
  data: Buffer
  contentType: 'image/png' | 'image/jpeg'
}

/** A chart rendered from the current data; the cache key carries the last date, so new data re-renders. */
export async function renderChart(db: Kysely<Database>, symbol: MarketSymbol, windowDays: number): Promise<ItemImage> {
  const points = await seriesWindow(db, symbol, windowDays)
  const meta = MARKET_SYMBOLS[symbol]
  const last = points[points.length - 1]
  const key = `chart:${symbol}:${windowDays}:${last?.date ?? 'none'}:${last?.close ?? ''}:${points.length}`
  return {
    data: renderPng(key, () => buildChartSvg({ name: meta.name, windowDays, decimals: meta.decimals, points })),
    contentType: 'image/png',
  }
}

/** The picture an item shows: its chart, its uploaded image, or a topic cover for text and articles. */
export async function itemImage(db: Kysely<Database>, row: ContentRow): Promise<ItemImage> {
  if (row.kind === 'chart' && row.chart_symbol && row.chart_window_days) {
    return renderChart(db, row.chart_symbol as MarketSymbol, Number(row.chart_window_days))
  }
  if (row.kind === 'image' && row.image_base64) {
    return {
      data: Buffer.from(row.image_base64, 'base64'),
      contentType: row.image_mime === 'image/jpeg' ? 'image/jpeg' : 'image/png',
    }
  }
  return {
    data: renderPng(`cover:${row.topic}`, () => buildCoverSvg(TOPIC_LABELS[row.topic], row.topic)),
    contentType: 'image/png',
  }
}
