import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import type { Database } from '../../../server/db/database.js'
import { client, type UncheckedJson } from '../support/test-app.js'

type Manager = ReturnType<typeof client>

/**
 * One content send of the burst: an item to a contact, in the sidebar's two steps — prepare
 * (`POST /api/content/sends` → 201 with the tracked link's id) and confirm (`POST …/sent` → 204).
 */
export interface ContentSend {
  itemId: number
  externalUserId: string
  /** The id the 201 returned; unset while no prepare was acknowledged. */
  sendId?: string
  confirmed: boolean
}

/** Every 2xx the server gave, and anything that was neither a 2xx nor a dropped connection. */
export interface SendLedger {
  prepared: Set<string>
  confirmed: Set<string>
  unexpected: string[]
}

export const newLedger = (): SendLedger => ({ prepared: new Set(), confirmed: new Set(), unexpected: [] })

// Kinds that go out without a WeCom media upload: a text message or a news card with the tracked link.
const KINDS = new Set(['text', 'moment', 'article'])
const MSGTYPE: Record<string, string> = { text: 'text', moment: 'text', article: 'news' }

/**
 * Signs in as the manager and plans up to `limit` sends the sidebar would offer: up to `perContact` recommended
 * items for each of the manager's contacts, skipping `exclude` (contacts whose suitability changes mid-burst
 * because they are being verified).
 */
export async function planContentSends(
  base: string,
  userid: string,
  limit: number,
  exclude: Set<string>,
  perContact = 2,
): Promise<{ manager: Manager; sends: ContentSend[] }> {
  const manager = client(base)
  await manager.request('POST', '/api/demo/login', { userid })
  const contacts = (await (await fetch(`${base}/simulator/api/staff/${userid}/contacts`)).json()) as {
    contacts: Array<{ externalUserId: string }>
  }
  const sends: ContentSend[] = []
  for (const { externalUserId } of contacts.contacts) {
    if (sends.length >= limit) break
    if (exclude.has(externalUserId)) continue
    const recs = await manager.request('GET', `/api/content/recommendations?externalUserId=${externalUserId}`)
    if (recs.status !== 200) continue // a relation the member deleted
    const items = (recs.json.items as Array<{ item: { id: number; kind: string } }>)
      .filter((r) => KINDS.has(r.item.kind))
      .slice(0, Math.min(perContact, limit - sends.length))
    for (const { item } of items) sends.push({ itemId: item.id, externalUserId, confirmed: false })
  }
  return { manager, sends }
}

/** A request whose connection may die with the server: status 0 then. */
async function attempt(
  call: () => Promise<{ status: number; json: UncheckedJson }>,
): Promise<{ status: number; json: UncheckedJson }> {
  try {
    return await call()
  } catch {
    return { status: 0, json: undefined }
  }
}

/**
 * Runs whichever steps of one send are not acknowledged yet. A lost prepare answer leaves no id to confirm,
 * so the next try prepares again (the API has no idempotency key for that step); a lost confirmation is
 * retried with the same id.
 */
export async function sendContent(manager: Manager, s: ContentSend, ledger: SendLedger): Promise<void> {
  if (!s.sendId) {
    const res = await attempt(() =>
      manager.request('POST', '/api/content/sends', { itemId: s.itemId, externalUserId: s.externalUserId }),
    )
    if (res.status !== 201) {
      if (res.status !== 0)
        ledger.unexpected.push(`prepare ${s.itemId}→${s.externalUserId}: ${res.status} ${JSON.stringify(res.json)}`)
      return
    }
    s.sendId = res.json.sendId as string
    ledger.prepared.add(s.sendId)
  }
  const res = await attempt(() => manager.request('POST', `/api/content/sends/${s.sendId}/sent`))
  if (res.status === 204) {
    s.confirmed = true
    ledger.confirmed.add(s.sendId)
  } else if (res.status !== 0) ledger.unexpected.push(`confirm ${s.sendId}: ${res.status} ${JSON.stringify(res.json)}`)
}

/**
 * After the restart: the sidebar retries what it has no 2xx for, and — as a duplicate storm — repeats every
 * confirmation (idempotent by send id) and every prepare of a send that went out (the 30-day repeat rule
 * answers 409 SENT_RECENTLY, so the retry cannot become a second counted send).
 */
export async function retryContentSends(
  manager: Manager,
  sends: ContentSend[],
  ledger: SendLedger,
): Promise<{ repeatPrepares: number[]; repeatConfirms: number[] }> {
  for (const s of sends) if (!s.confirmed) await sendContent(manager, s, ledger)
  const repeatPrepares: number[] = []
  const repeatConfirms: number[] = []
  for (const s of sends) {
    repeatConfirms.push((await manager.request('POST', `/api/content/sends/${s.sendId}/sent`)).status)
    const again = await manager.request('POST', '/api/content/sends', {
      itemId: s.itemId,
      externalUserId: s.externalUserId,
    })
    repeatPrepares.push(again.status === 409 && again.json.error.code === 'SENT_RECENTLY' ? 409 : again.status)
  }
  return { repeatPrepares, repeatConfirms }
}

/**
 * What the burst's sends left behind (this manager's rows created since `since`, the content_sent events naming
 * them, their items) and, on the running server, what the customer's page answers for each tracked link.
 */
export async function collectContentSends(db: Kysely<Database>, base: string, userid: string, since: string) {
  const rows = await db
    .selectFrom('content_sends')
    .selectAll()
    .where('staff_userid', '=', userid)
    .where('created_at', '>=', since)
    .execute()
  const ids = rows.map((r) => r.id)
  const events = ids.length
    ? await db
        .selectFrom('events')
        .select(['ref_id', 'staff_userid', 'external_userid', 'dedupe_key'])
        .where('type', '=', 'content_sent')
        .where('ref_id', 'in', ids)
        .execute()
    : []
  const itemIds = [...new Set(rows.map((r) => Number(r.item_id)))]
  const items = itemIds.length
    ? await db
        .selectFrom('content_items')
        .select(['id', 'root_id', 'kind', 'title'])
        .where('id', 'in', itemIds)
        .execute()
    : []
  const links = new Map<string, { status: number; title?: string }>()
  for (const [i, id] of ids.entries()) {
    const res = await client(base, { 'x-forwarded-for': `192.0.2.${(i % 250) + 1}` }).request(
      'GET',
      `/api/public/content/${id}`,
    )
    links.set(id, { status: res.status, title: res.json?.title })
  }
  return { rows, events, items: new Map(items.map((i) => [Number(i.id), i])), links }
}

/**
 * The invariants: every 2xx is stored once under the id it returned; a row is either prepared (no event, the
 * link answers 404) or sent (sent_at, exactly one content_sent event, the customer's page) — never in between;
 * each planned send went out exactly once, under the id the client holds. Returns the number of rows left
 * prepared but unsent (their 201 died with the server, so no client knows them).
 */
export function expectContentSendsIntact(
  stored: Awaited<ReturnType<typeof collectContentSends>>,
  sends: ContentSend[],
  ledger: SendLedger,
  userid: string,
): number {
  const { rows, events, items, links } = stored
  for (const id of [...ledger.prepared, ...ledger.confirmed])
    expect(
      rows.filter((r) => r.id === id),
      `send ${id}`,
    ).toHaveLength(1)
  for (const r of rows) {
    const item = items.get(Number(r.item_id))!
    const sendEvents = events.filter((e) => e.ref_id === r.id)
    expect(
      { root: Number(r.root_id), msgtype: r.msgtype, findings: Array.isArray(JSON.parse(r.findings)) },
      `send ${r.id}`,
    ).toEqual({ root: Number(item.root_id), msgtype: MSGTYPE[item.kind], findings: true })
    if (r.sent_at) {
      expect(sendEvents, `send ${r.id}`).toEqual([
        { ref_id: r.id, staff_userid: userid, external_userid: r.external_userid, dedupe_key: `content_sent:${r.id}` },
      ])
      expect(links.get(r.id), `send ${r.id}`).toEqual({ status: 200, title: item.title })
    } else {
      expect(ledger.prepared.has(r.id), `unsent ${r.id}`).toBe(false)
      expect(sendEvents, `unsent ${r.id}`).toEqual([])
      expect(links.get(r.id)?.status, `unsent ${r.id}`).toBe(404)
    }
  }
  for (const s of sends) {
    const sent = rows.filter(
      (r) => r.sent_at && Number(r.item_id) === s.itemId && r.external_userid === s.externalUserId,
    )
    expect(
      sent.map((r) => r.id),
      `${s.itemId}→${s.externalUserId}`,
    ).toEqual([s.sendId])
  }
  return rows.filter((r) => !r.sent_at).length
}
