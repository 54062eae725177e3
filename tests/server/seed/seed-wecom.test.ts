import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCustomer } from '../support/pii.js'
import type { TestDb } from '../support/test-db.js'
import { seededTestDb } from './seeded-db.js'

describe('seedDemoBank WeCom side', () => {
  let testDb: TestDb
  let w: Awaited<ReturnType<typeof load>>
  const load = async () => {
    const q = testDb.db.kysely
    return {
      staff: await q.selectFrom('staff').selectAll().execute(),
      customers: (await q.selectFrom('customers').selectAll().execute()).map(openCustomer),
      people: await q.selectFrom('sim_people').selectAll().execute(),
      follows: await q.selectFrom('sim_follows').selectAll().execute(),
      contacts: await q.selectFrom('wecom_contacts').selectAll().orderBy('id').execute(),
      bindings: await q.selectFrom('bindings').selectAll().orderBy('id').execute(),
      events: await q.selectFrom('events').selectAll().execute(),
      corpTags: await q.selectFrom('corp_tags').selectAll().execute(),
      contactTags: await q.selectFrom('contact_tags').selectAll().execute(),
    }
  }
  const pair = (userid: string, ext: string) => `${userid}|${ext}`

  beforeAll(async () => {
    testDb = await seededTestDb()
    w = await load()
  })
  afterAll(async () => {
    await testDb.drop()
  })

  it('when seeded, then every active manager has at least 5 live, unverified, owned contacts that verification by name + phone finds uniquely', () => {
    const people = new Map(w.people.map((p) => [p.external_userid, p]))
    const byNamePhone = new Map<string, typeof w.customers>()
    for (const c of w.customers)
      byNamePhone.set(`${c.name}|${c.phone}`, [...(byNamePhone.get(`${c.name}|${c.phone}`) ?? []), c])
    const bound = new Set(w.bindings.map((b) => b.external_userid))
    for (const s of w.staff.filter((s) => s.role === 'front' && s.active === 1)) {
      const verifiable = w.contacts.filter((ct) => {
        if (ct.staff_userid !== s.wecom_userid || ct.deleted_at !== null || bound.has(ct.external_userid)) return false
        const person = people.get(ct.external_userid)!
        const matches = byNamePhone.get(`${person.name}|${person.phone}`) ?? []
        return matches.length === 1 && matches[0]!.owner_staff_id === s.id && matches[0]!.has_account === 1
      })
      expect(verifiable.length, s.wecom_userid ?? s.id).toBeGreaterThanOrEqual(5)
    }
  })

  it('when seeded, then wecom_contacts mirrors sim_follows pair by pair, deletions included', () => {
    const follows = new Map(w.follows.map((f) => [pair(f.userid, f.external_userid), f]))
    expect(w.contacts).toHaveLength(w.follows.length)
    for (const c of w.contacts) {
      const f = follows.get(pair(c.staff_userid, c.external_userid))!
      expect(f).toBeDefined()
      expect(c.add_time).toBe(new Date(f.createtime * 1000).toISOString())
      expect(c.deleted_by).toBe(f.deleted_by_member ? 'staff' : f.deleted_by_customer ? 'customer' : null)
      expect(c.deleted_at === null).toBe(c.deleted_by === null)
      expect(c.external_userid).toMatch(/^wm[0-9A-Za-z]{30}$/)
    }
    const people = new Set(w.people.map((p) => p.external_userid))
    for (const f of w.follows) expect(people.has(f.external_userid)).toBe(true)
    const deleted = w.contacts.filter((c) => c.deleted_at !== null).length / w.contacts.length
    expect(deleted).toBeGreaterThan(0.04)
    expect(deleted).toBeLessThan(0.2)
  })

  it('when seeded, then each binding points at a customer and at a relation of the binding staff added before verification', () => {
    const cifs = new Map(w.customers.map((c) => [c.cif_no, c]))
    const contacts = new Map(w.contacts.map((c) => [pair(c.staff_userid, c.external_userid), c]))
    const people = new Map(w.people.map((p) => [p.external_userid, p]))
    expect(w.bindings.length).toBeGreaterThan(0)
    for (const b of w.bindings) {
      const customer = cifs.get(b.cif_no)!
      expect(customer).toBeDefined()
      expect(people.get(b.external_userid)).toMatchObject({ name: customer.name, phone: customer.phone })
      const contact = contacts.get(pair(b.staff_userid, b.external_userid))!
      expect(contact.add_time < b.verified_at).toBe(true)
      expect(b.verification_id).toBeNull()
    }
    const perPerson = new Map<string, number>()
    for (const b of w.bindings) perPerson.set(b.external_userid, (perPerson.get(b.external_userid) ?? 0) + 1)
    expect([...perPerson.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(1)
  })

  it('when seeded, then the gaming patterns are present: other-corp swaps, people added by several staff, one-hour bursts', () => {
    expect(w.contacts.filter((c) => c.type === 2 && c.corp_name?.includes('银行')).length).toBe(15)
    const staffPerPerson = new Map<string, number>()
    for (const c of w.contacts) staffPerPerson.set(c.external_userid, (staffPerPerson.get(c.external_userid) ?? 0) + 1)
    const shared = [...staffPerPerson.values()].filter((n) => n > 1)
    expect(shared.length).toBeGreaterThanOrEqual(10)
    expect(Math.max(...shared)).toBeLessThanOrEqual(3)
    const bursting = w.staff.filter((s) => {
      const times = w.contacts
        .filter((c) => c.staff_userid === s.wecom_userid)
        .map((c) => Date.parse(c.add_time))
        .sort((a, b) => a - b)
      return times.some((t, i) => (times[i + 29] ?? Infinity) - t <= 3_600_000)
    })
    expect(bursting.length).toBeGreaterThanOrEqual(2)
  })

  it('when seeded, then events record each add, deletion and verification once, from sync', () => {
    const count = (type: string) => w.events.filter((e) => e.type === type).length
    expect(count('contact_added')).toBe(w.contacts.length)
    expect(count('contact_deleted')).toBe(w.contacts.filter((c) => c.deleted_at !== null).length)
    expect(count('verified')).toBe(w.bindings.length)
    expect(new Set(w.events.map((e) => e.dedupe_key)).size).toBe(w.events.length)
    // Content sends, opens and inquiries (seed/content-activity.ts) come from the sidebar and the customer's page.
    expect(w.events.filter((e) => !e.type.startsWith('content_')).every((e) => e.source === 'sync')).toBe(true)
    const first = w.contacts[0]!
    expect(w.events).toContainEqual(
      expect.objectContaining({
        type: 'contact_added',
        occurred_at: first.add_time,
        dedupe_key: `seed:contact_added:${first.staff_userid}:${first.external_userid}`,
      }),
    )
  })

  it("when seeded, then about a third of owned customers are on their manager's WeCom and non-customers are a minority", () => {
    const customerPhones = new Set(w.customers.map((c) => c.phone))
    const strangers = w.people.filter((p) => !customerPhones.has(p.phone)).length
    expect(strangers / w.people.length).toBeGreaterThan(0.1)
    expect(strangers / w.people.length).toBeLessThan(0.4)
    const added = new Set(w.contacts.map((c) => c.external_userid))
    const owned = w.customers.filter((c) => c.owner_staff_id !== null)
    const onWecom = w.people.filter((p) => customerPhones.has(p.phone) && added.has(p.external_userid)).length
    expect(onWecom / owned.length).toBeGreaterThan(0.3)
    expect(onWecom / owned.length).toBeLessThan(0.6)
  })

  it('when seeded, then about half of the live relations carry corp tags of the demo catalogue, the same on WeCom’s side (follow tags) and in the app’s mirror', () => {
    const catalogue = new Map(w.corpTags.map((t) => [t.tag_id, t]))
    expect(w.corpTags.map((t) => t.group_name)).toContain('客户等级')
    const live = w.contacts.filter((c) => c.deleted_at === null)
    const tagged = new Set(w.contactTags.map((t) => pair(t.staff_userid, t.external_userid)))
    expect(tagged.size / live.length).toBeGreaterThan(0.3)
    expect(tagged.size / live.length).toBeLessThan(0.7)
    const liveKeys = new Set(live.map((c) => pair(c.staff_userid, c.external_userid)))
    const follows = new Map(w.follows.map((f) => [pair(f.userid, f.external_userid), f]))
    for (const key of tagged) {
      expect(liveKeys.has(key)).toBe(true)
      const mine = w.contactTags.filter((t) => pair(t.staff_userid, t.external_userid) === key).map((t) => t.tag_id)
      expect(mine.every((id) => catalogue.has(id))).toBe(true)
      const onWecom = (JSON.parse(follows.get(key)!.tags) as { tag_id: string; type: number }[]).map((t) => t.tag_id)
      expect(onWecom.sort()).toEqual(mine.sort())
    }
  })
})
