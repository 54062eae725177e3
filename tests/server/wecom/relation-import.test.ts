import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadImportState } from '../../../server/features/wecom/import/import-state.repository.js'
import { importRelations } from '../../../server/features/wecom/import/relation-import.service.js'
import { createWecomClient, type WecomClient } from '../../../server/features/wecom/wecom-client.js'
import type { AppContext } from '../../../server/lib/context.js'
import { createClientContext } from './client-context.js'
import { startFakeQyapi, type FakeQyapi } from './fake-qyapi.js'
import type { TestDb } from '../support/test-db.js'

const MEMBERS = Array.from({ length: 50 }, (_, i) => `m${String(i).padStart(2, '0')}`)
const PER_MEMBER = 200

/** WeCom's side: 50 members × 200 customers, listed per member in order. */
function world() {
  const follows = new Map(
    MEMBERS.map((m) => [m, Array.from({ length: PER_MEMBER }, (_, i) => `wm${m}c${String(i).padStart(4, '0')}`)]),
  )
  return follows
}

function serve(fake: FakeQyapi, follows: Map<string, string[]>) {
  fake.on('/externalcontact/get_follow_user_list', () => ({ errcode: 0, follow_user: [...follows.keys()] }))
  fake.on('/externalcontact/batch/get_by_user', (call) => {
    const body = JSON.parse(call.body) as { userid_list: string[]; cursor?: string; limit?: number }
    if (body.userid_list.length > 100 || (body.limit ?? 50) > 100) return { errcode: 40058, errmsg: 'invalid' }
    const all = body.userid_list.flatMap((u) => (follows.get(u) ?? []).map((ext) => ({ u, ext })))
    const offset = Number(body.cursor || 0)
    const limit = body.limit ?? 50
    const items = all.slice(offset, offset + limit)
    return {
      errcode: 0,
      external_contact_list: items.map(({ u, ext }) => ({
        external_contact: { external_userid: ext, name: `客户${ext.slice(-4)}`, type: 1, gender: 1, avatar: '' },
        follow_info: { userid: u, remark: '', createtime: 1735689600, add_way: 1, tag_id: [] },
      })),
      next_cursor: offset + limit < all.length ? String(offset + limit) : '',
    }
  })
}

describe('relation import (batch/get_by_user)', () => {
  let fake: FakeQyapi
  let ctx: AppContext
  let testDb: TestDb
  let client: WecomClient
  let setNow: (d: Date) => void
  beforeAll(async () => {
    fake = await startFakeQyapi()
    ;({ ctx, testDb, setNow } = await createClientContext(fake.base))
    client = createWecomClient(ctx)
  })
  afterAll(async () => {
    await testDb.drop()
    await fake.close()
  })
  beforeEach(async () => {
    fake.reset()
    const db = ctx.db.kysely
    await db.deleteFrom('wecom_contacts').execute()
    await db.deleteFrom('wecom_import_state').execute()
    await db.deleteFrom('wecom_import_seen').execute()
    await db.deleteFrom('events').execute()
  })

  const relations = () =>
    ctx.db.kysely.selectFrom('wecom_contacts').select(['staff_userid', 'external_userid', 'deleted_at']).execute()

  it('when the run is killed mid-page twice, then resuming imports all 10,000 relations once each', async () => {
    serve(fake, world())
    let fetched = 0
    const killing: WecomClient = {
      ...client,
      // Killed after WeCom answered page 37 but before its rows were committed.
      batchGetByUser: async (body) => {
        const reply = await client.batchGetByUser(body)
        if (++fetched === 37) throw new Error('killed')
        return reply
      },
    }
    await expect(importRelations(ctx, { client: killing })).rejects.toThrow('killed')
    expect((await relations()).length).toBe(36 * 100)
    expect((await loadImportState(ctx.db.kysely))?.status).toBe('failed')

    // Killed again right after page 60 committed.
    await expect(
      importRelations(ctx, {
        client,
        onPage: (s) => {
          if (s.pages === 60) throw new Error('killed again')
        },
      }),
    ).rejects.toThrow('killed again')
    expect((await relations()).length).toBe(60 * 100)

    const stats = await importRelations(ctx, { client })
    const rows = await relations()
    expect(rows.length).toBe(10_000)
    expect(new Set(rows.map((r) => `${r.staff_userid}/${r.external_userid}`)).size).toBe(10_000)
    expect(rows.every((r) => r.deleted_at === null)).toBe(true)
    expect(stats).toMatchObject({ mode: 'initial', pages: 100, seen: 10_000, added: 10_000, removed: 0, members: 50 })
    // 100 committed pages + the page lost to the first kill; nothing else was fetched twice.
    expect(fake.count('/externalcontact/batch/get_by_user')).toBe(101)
    const firstImportEvents = await ctx.db.kysely.selectFrom('events').select('id').execute()
    expect(firstImportEvents).toHaveLength(0)
  })

  it('when callbacks were lost, then the nightly reconciliation finds the adds and the deletions', async () => {
    const follows = world()
    serve(fake, follows)
    setNow(new Date('2025-03-03T02:00:00Z'))
    await importRelations(ctx, { client })
    setNow(new Date('2025-03-04T18:00:00Z'))
    follows.set('m03', [...follows.get('m03')!.slice(5), 'wmNEWm03'])
    const stats = await importRelations(ctx, { client })
    expect(stats).toMatchObject({ mode: 'reconcile', added: 1, removed: 5 })
    const rows = await relations()
    const deleted = rows.filter((r) => r.deleted_at !== null).map((r) => r.external_userid)
    expect(deleted.sort()).toEqual(world().get('m03')!.slice(0, 5))
    const events = await ctx.db.kysely.selectFrom('events').select(['type', 'external_userid']).execute()
    expect(events).toEqual([{ type: 'contact_added', external_userid: 'wmNEWm03' }])
    // A third pass changes nothing and writes no event twice.
    expect(await importRelations(ctx, { client })).toMatchObject({ added: 0, removed: 0 })
    expect(await ctx.db.kysely.selectFrom('events').select('id').execute()).toHaveLength(1)
  })
})
