import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  findFirstBinding,
  findFirstBindingBy,
  findFirstBindingWithCustomer,
  firstBinding,
  firstBindingsOf,
  firstBindingWithCustomer,
  firstBoundCifNo,
} from '../../../server/features/verification/bindings.repository.js'
import { insertBranch, insertContact, insertCustomer, insertStaff } from '../support/factories.js'
import { createTestDb, type TestDb } from '../support/test-db.js'

let t: TestDb
const db = () => t.db.kysely
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  await t.drop()
})

async function bind(externalUserid: string, cifNo: string, staffUserid: string, verifiedAt: string) {
  await db()
    .insertInto('bindings')
    .values({
      external_userid: externalUserid,
      cif_no: cifNo,
      staff_userid: staffUserid,
      verified_at: verifiedAt,
      method: 'link',
      verification_id: null,
      ip_province: '浙江',
    })
    .execute()
}

/** A contact of two managers, bound once through each one's link. */
async function boundTwice(firstAt: string, secondAt: string) {
  const branch = await insertBranch(db())
  const [first, second] = [await insertStaff(db(), branch.id, 'front'), await insertStaff(db(), branch.id, 'front')]
  const contact = await insertContact(db(), first.wecom_userid!)
  const [earlier, later] = [await insertCustomer(db(), branch.id), await insertCustomer(db(), branch.id)]
  // The later binding goes in first, so row order alone cannot give the right answer.
  await bind(contact.external_userid, later.cif_no, second.wecom_userid!, secondAt)
  await bind(contact.external_userid, earlier.cif_no, first.wecom_userid!, firstAt)
  return { ext: contact.external_userid, earlier, later, first: first.wecom_userid!, second: second.wecom_userid! }
}

describe("a contact's first binding", () => {
  it('when a contact was bound twice, then every reader names the earlier binding, with its CRM customer', async () => {
    const w = await boundTwice('2026-11-01T02:00:00.000Z', '2026-11-02T02:00:00.000Z')
    expect(await findFirstBinding(db(), w.ext)).toMatchObject({ cif_no: w.earlier.cif_no, staff_userid: w.first })
    expect(await firstBoundCifNo(db(), w.ext)).toBe(w.earlier.cif_no)
    expect((await firstBindingsOf(db(), [w.ext])).get(w.ext)?.cif_no).toBe(w.earlier.cif_no)
    expect(await findFirstBindingWithCustomer(db(), w.ext)).toEqual({
      binding: {
        cif_no: w.earlier.cif_no,
        verified_at: '2026-11-01T02:00:00.000Z',
        verification_id: null,
        staff_userid: w.first,
        ip_province: '浙江',
      },
      customer: { has_account: 1, owner_staff_id: null },
    })
  })

  it("when the first binding is someone else's, then the manager's own first binding is the one by them", async () => {
    const w = await boundTwice('2026-11-01T02:00:00.000Z', '2026-11-02T02:00:00.000Z')
    expect((await findFirstBindingBy(db(), w.ext, w.second))?.cif_no).toBe(w.later.cif_no)
    expect(await findFirstBindingBy(db(), w.ext, 'no-such-manager')).toBeUndefined()
  })

  it('when two bindings carry the same time, then every reader names the one stored first', async () => {
    const at = '2026-11-03T02:00:00.000Z'
    const w = await boundTwice(at, at)
    // boundTwice stores the `later` customer's binding first: on a tie it is the answer.
    expect(await firstBoundCifNo(db(), w.ext)).toBe(w.later.cif_no)
    expect((await findFirstBindingWithCustomer(db(), w.ext))?.binding.cif_no).toBe(w.later.cif_no)
    expect((await firstBindingsOf(db(), [w.ext])).get(w.ext)?.cif_no).toBe(w.later.cif_no)
  })

  it('when a contact was never bound, then every reader says so', async () => {
    expect(await findFirstBinding(db(), 'wmNeverBound')).toBeUndefined()
    expect(await findFirstBindingWithCustomer(db(), 'wmNeverBound')).toBeUndefined()
    expect(await firstBoundCifNo(db(), 'wmNeverBound')).toBeUndefined()
    expect((await firstBindingsOf(db(), ['wmNeverBound'])).size).toBe(0)
  })
})

describe.skipIf(!!process.env.TEST_DATABASE_URL)('SQLite query plan of the first binding', () => {
  const plan = (sql: string) => {
    const raw = new Database(t.url.slice('sqlite:'.length), { readonly: true })
    try {
      const params = sql.split('?').length - 1
      return (raw.prepare(`explain query plan ${sql}`).all(...Array(params).fill('x')) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ')
    } finally {
      raw.close()
    }
  }

  it("reads the contact's bindings from bindings_ext_time_idx already in order, without a sort", () => {
    for (const query of [firstBinding, firstBindingWithCustomer]) {
      const detail = plan(query.sql(db()))
      expect(detail).toMatch(/SEARCH bindings USING INDEX bindings_ext_time_idx \(external_userid=\?\)/)
      expect(detail).not.toMatch(/TEMP B-TREE/)
    }
  })
})
