import { z } from 'zod'
import { CrmSourceError, type CrmPage, type CrmSource } from './crm-source.js'
import type { NumberedRecord, RowIssue } from './crm-writer.js'
import { FORMATS, type EntityFormat } from './formats.js'
import { parseCells } from './layout.js'
import type { CrmEntity } from './records.js'

/** The pull contract's page (docs/crm-integration.md): items keyed by the files' English column names. */
const PageSchema = z.object({
  items: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))).max(5000),
  next_cursor: z.string().max(512).nullable(),
  has_more: z.boolean(),
})

export interface HttpSourceSettings {
  baseUrl: string
  token: string
  pageSize?: number
  timeoutMs?: number
}

/** Pulls pages from the bank's CRM endpoint with a bearer token; the token never reaches logs or run history. */
export function httpCrmSource(settings: HttpSourceSettings): CrmSource {
  const base = settings.baseUrl.replace(/\/$/, '')
  return {
    label: new URL(base).host,
    async fetchPage<E extends CrmEntity>(entity: E, cursor: string | null): Promise<CrmPage<E>> {
      const url = new URL(`${base}/${entity}`)
      url.searchParams.set('limit', String(settings.pageSize ?? 500))
      if (cursor !== null) url.searchParams.set('since', cursor)
      let res: Response
      try {
        res = await fetch(url, {
          headers: { authorization: `Bearer ${settings.token}`, accept: 'application/json' },
          signal: AbortSignal.timeout(settings.timeoutMs ?? 30_000),
        })
      } catch (err) {
        throw new CrmSourceError(`无法连接 CRM 接口（${err instanceof Error ? err.name : 'network'}）`)
      }
      if (!res.ok) throw new CrmSourceError(`CRM 接口返回 HTTP ${res.status}`)
      const parsed = PageSchema.safeParse(await res.json().catch(() => undefined))
      if (!parsed.success) throw new CrmSourceError('CRM 接口返回的内容不符合约定格式')
      const format = FORMATS[entity] as EntityFormat<E>
      const records: NumberedRecord<E>[] = []
      const invalid: RowIssue[] = []
      parsed.data.items.forEach((item, i) => {
        const cells = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v === null ? '' : String(v)]))
        const row = parseCells(format, cells)
        if (row.errors) for (const e of row.errors) invalid.push({ rowNo: i + 1, column: e.column, reason: e.reason })
        else records.push({ rowNo: i + 1, record: row.record })
      })
      return { records, invalid, nextCursor: parsed.data.next_cursor, hasMore: parsed.data.has_more }
    },
  }
}
