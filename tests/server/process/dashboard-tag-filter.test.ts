import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StaffViewSchema } from '../../../server/contracts/process.js'
import { insertStaff } from '../support/factories.js'
import { friend, handoverBank, HOUR, signIn, startHandoverApp, T0 } from '../handover/handover-world.js'

describe('the dashboard drill-down filtered by corp tags (企业客户标签)', () => {
  let w: Awaited<ReturnType<typeof startHandoverApp>>
  let b: Awaited<ReturnType<typeof handoverBank>>
  let middle: Awaited<ReturnType<typeof insertStaff>>
  const ext: string[] = []
  const db = () => w.app.ctx.db.kysely

  beforeAll(async () => {
    w = await startHandoverApp()
    b = await handoverBank(db())
    middle = await insertStaff(db(), b.branch.id, 'middle', { name: '中台' })
    for (let n = 1; n <= 3; n++)
      ext.push(
        (await friend(db(), b.branch.id, b.from.wecom_userid, b.from.id, new Date(T0.getTime() - n * HOUR), n)).ext,
      )
    const tag = (tag_id: string, group_id: string, group_name: string, name: string) => ({
      tag_id,
      group_id,
      group_name,
      name,
      group_order: 0,
      tag_order: 0,
      deleted: 0,
      synced_at: T0.toISOString(),
    })
    await db()
      .insertInto('corp_tags')
      .values([
        tag('etFUND', 'etINTEREST', '兴趣', '基金'),
        tag('etGOLD', 'etINTEREST', '兴趣', '黄金'),
        tag('etWEALTH', 'etLEVEL', '客户等级', '财富'),
      ])
      .execute()
    const mark = (i: number, tagId: string) => ({
      staff_userid: b.from.wecom_userid,
      external_userid: ext[i]!,
      tag_id: tagId,
      updated_at: T0.toISOString(),
    })
    await db()
      .insertInto('contact_tags')
      .values([mark(0, 'etFUND'), mark(1, 'etGOLD'), mark(1, 'etWEALTH')])
      .execute()
  })
  afterAll(async () => {
    await w.close()
  })

  async function drill(role: 'supervisor' | 'middle', tagIds?: string) {
    const userid = role === 'supervisor' ? b.supervisor.wecom_userid : middle.wecom_userid
    const query = `period=month&date=2026-03-02${tagIds === undefined ? '' : `&tagIds=${tagIds}`}`
    return (await signIn(w.app, userid)).request('GET', `/api/dashboard/staff/${b.from.wecom_userid}?${query}`)
  }
  const added = async (tagIds?: string) => {
    const view = (await drill('supervisor', tagIds)).body(StaffViewSchema)
    return { ids: view.adds.map((a) => a.externalUserId).sort(), before: view.addsBeforeTagFilter, tagIds: view.tagIds }
  }

  it('when no tag is chosen, then every add of the period is listed', async () => {
    expect(await added()).toEqual({ ids: [...ext].sort(), before: 3, tagIds: [] })
  })

  it('when tags of one group are chosen, then adds with any of them are listed', async () => {
    expect(await added('etFUND,etGOLD')).toEqual({
      ids: [ext[0], ext[1]].sort(),
      before: 3,
      tagIds: ['etFUND', 'etGOLD'],
    })
  })

  it('when tags of two groups are chosen, then only adds with a tag of each group are listed', async () => {
    expect((await added('etGOLD,etWEALTH')).ids).toEqual([ext[1]])
    expect((await added('etFUND,etWEALTH')).ids).toEqual([])
  })

  it('when the middle office filters, then it gets the same adds with names reduced to the surname', async () => {
    const view = (await drill('middle', 'etFUND')).body(StaffViewSchema)
    expect(view.adds.map((a) => [a.externalUserId, a.name])).toEqual([[ext[0], '客**']])
  })

  it('when the tag list is absurdly long, then 400 VALIDATION_FAILED, not 500', async () => {
    const res = await drill('supervisor', 'x'.repeat(2001))
    expect(res.status).toBe(400)
    expect(res.error().code).toBe('VALIDATION_FAILED')
  })
})
