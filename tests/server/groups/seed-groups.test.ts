import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRng } from '../../../server/features/seed/prng.js'
import { buildOrg } from '../../../server/features/seed/org.js'
import { DEFAULT_SEED } from '../../../server/features/seed/seed.js'
import { seedGroups } from '../../../server/features/seed/groups.js'
import { NOW, seededTestDb } from '../seed/seeded-db.js'
import type { TestDb } from '../support/test-db.js'

async function groupsHash(testDb: TestDb): Promise<string> {
  const k = testDb.db.kysely
  const groups = await k.selectFrom('sim_groups').selectAll().orderBy('chat_id').execute()
  const members = await k.selectFrom('sim_group_members').selectAll().orderBy('chat_id').orderBy('userid').execute()
  return createHash('sha256')
    .update(JSON.stringify([groups, members].map((rows) => rows.map((r) => Object.values(r).map(String)))))
    .digest('hex')
}

describe('seeded customer groups', () => {
  let testDb: TestDb
  beforeAll(async () => {
    testDb = await seededTestDb()
  })
  afterAll(async () => {
    await testDb.drop()
  })

  it('when the demo bank is seeded, then every active front-office member owns two or three groups built from their world', async () => {
    const k = testDb.db.kysely
    const front = await k
      .selectFrom('staff')
      .select(['wecom_userid', 'branch_id'])
      .where('role', '=', 'front')
      .where('active', '=', 1)
      .execute()
    const groups = await k.selectFrom('sim_groups').selectAll().execute()
    const members = await k.selectFrom('sim_group_members').selectAll().execute()
    const follows = await k
      .selectFrom('sim_follows')
      .select(['userid', 'external_userid'])
      .where('deleted_by_member', '=', 0)
      .execute()
    const isContact = new Set(follows.map((f) => `${f.userid}|${f.external_userid}`))
    const branchOf = new Map(front.map((s) => [s.wecom_userid, s.branch_id]))
    for (const s of front) expect(groups.filter((g) => g.owner === s.wecom_userid).length).toBeGreaterThanOrEqual(2)
    for (const g of groups) {
      const list = members.filter((m) => m.chat_id === g.chat_id)
      expect(list.filter((m) => m.userid === g.owner && m.type === 1)).toHaveLength(1)
      for (const m of list.filter((x) => x.type === 1)) expect(branchOf.get(m.userid)).toBe(branchOf.get(g.owner))
      // Customers the owner invited are their contacts; others scanned the group QR code.
      for (const m of list.filter((x) => x.type === 2))
        expect(isContact.has(`${g.owner}|${m.userid}`) || m.join_scene === 3).toBe(true)
      expect(list.filter((x) => x.type === 2).length).toBeGreaterThanOrEqual(3)
      expect(
        list.every((m) => Number(m.join_time) >= Number(g.create_time) && Number(m.join_time) <= NOW.getTime() / 1000),
      ).toBe(true)
    }
    const bound = await k.selectFrom('bindings').select('external_userid').execute()
    const boundIds = new Set(bound.map((b) => b.external_userid))
    expect(members.some((m) => m.type === 2 && boundIds.has(m.userid))).toBe(true)
  })

  it('when the demo bank is seeded, then no two customer groups share a name', async () => {
    const names = (await testDb.db.kysely.selectFrom('sim_groups').select('name').execute()).map((g) => g.name)
    expect(names.length).toBeGreaterThan(10)
    expect(new Set(names).size).toBe(names.length)
  })

  it('when seeded again from the same seed, then the groups are identical (and replaced, not duplicated)', async () => {
    const before = await groupsHash(testDb)
    const count = await testDb.db.kysely
      .transaction()
      .execute((trx) =>
        seedGroups(trx, createRng(DEFAULT_SEED, 'groups'), buildOrg(createRng(DEFAULT_SEED, 'org')), NOW),
      )
    expect(count).toBeGreaterThan(0)
    expect(await groupsHash(testDb)).toBe(before)
  })
})
