import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPair, type Pair } from '../abuse/two-instances.js'
import { insertBranch, insertStaff } from '../support/factories.js'
import { client } from '../support/test-app.js'

describe('server-side sessions', () => {
  let pair: Pair
  beforeAll(async () => {
    pair = await startPair()
  })
  afterAll(async () => {
    await pair.close()
  })
  const db = () => pair.a.ctx.db.kysely

  /** Signs in on instance A; returns the saved cookie and a probe that replays it on either instance. */
  async function signIn(role: 'front' | 'supervisor' | 'admin' = 'front') {
    const branch = await insertBranch(db())
    const staff = await insertStaff(db(), branch.id, role)
    const c = client(pair.urls[0])
    const login = await c.request('POST', '/api/demo/login', { userid: staff.wecom_userid })
    expect(login.status).toBe(200)
    const saved = c.cookie
    const me = async (instance: number) =>
      (await client(pair.urls[instance]!).request('GET', '/api/session/me', undefined, { cookie: saved })).status
    return { staff, c, saved, me }
  }

  it('when signed in, then the cookie carries only a random token, HttpOnly, and works on both instances', async () => {
    const { saved, me, c } = await signIn()
    expect(saved).toMatch(/^ad_session=[A-Za-z0-9_-]{43}$/)
    const res = await fetch(`${pair.urls[0]}/api/demo/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-advisor-request': '1' },
      body: JSON.stringify({
        userid: (await db().selectFrom('staff').select('wecom_userid').executeTakeFirstOrThrow()).wecom_userid,
      }),
    })
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i)
    expect([await me(0), await me(1)]).toEqual([200, 200])
    expect(c.cookie).toBe(saved)
  })

  it('when the staff member logs out, then a saved copy of the cookie stops working on every instance', async () => {
    const { c, me } = await signIn()
    expect((await c.request('POST', '/api/session/logout')).status).toBe(204)
    expect([await me(0), await me(1)]).toEqual([401, 401])
  })

  it('when the role, branch or active flag changes (CRM import, directory sync, SQL), then the sessions end; a name change keeps them', async () => {
    const renamed = await signIn()
    await db().updateTable('staff').set({ name: '改名' }).where('id', '=', renamed.staff.id).execute()
    expect(await renamed.me(1)).toBe(200)
    // The same update written with unchanged values (a nightly sync) keeps them too.
    await db().updateTable('staff').set({ role: 'front', active: 1 }).where('id', '=', renamed.staff.id).execute()
    expect(await renamed.me(1)).toBe(200)

    const promoted = await signIn()
    await db().updateTable('staff').set({ role: 'supervisor' }).where('id', '=', promoted.staff.id).execute()
    expect(await promoted.me(1)).toBe(401)
    const left = await signIn()
    await db().updateTable('staff').set({ active: 0 }).where('id', '=', left.staff.id).execute()
    await db().updateTable('staff').set({ active: 1 }).where('id', '=', left.staff.id).execute()
    // Coming back does not revive the old session.
    expect(await left.me(0)).toBe(401)
    const moved = await signIn()
    const other = await insertBranch(db())
    await db().updateTable('staff').set({ branch_id: other.id }).where('id', '=', moved.staff.id).execute()
    expect(await moved.me(0)).toBe(401)
    expect(
      await db()
        .selectFrom('sessions')
        .select('id')
        .where('staff_id', 'in', [promoted.staff.id, left.staff.id, moved.staff.id])
        .execute(),
    ).toEqual([])
  })

  it('when an admin ends a staff member’s sessions, then they end at once everywhere and the action is audited', async () => {
    const target = await signIn()
    await target.c.request('POST', '/api/demo/login', { userid: target.staff.wecom_userid })
    const admin = await signIn('admin')
    const front = await signIn()
    expect((await front.c.request('POST', `/api/staff/${target.staff.id}/sessions/end`)).status).toBe(403)
    const res = await admin.c.request('POST', `/api/staff/${target.staff.id}/sessions/end`)
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ ended: 2 })
    expect([await target.me(0), await target.me(1)]).toEqual([401, 401])
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'sessions.end')
      .execute()
    expect(audit).toEqual([{ action: 'sessions.end', target: `staff:${target.staff.id}` }])
    expect((await admin.c.request('POST', '/api/staff/NOPE/sessions/end')).status).toBe(404)
  })

  it('when a session passes its 12 hours, then it no longer signs anyone in', async () => {
    const { me } = await signIn()
    pair.setNow(new Date(Date.now() + 12 * 3600_000 + 1000))
    expect(await me(0)).toBe(401)
    pair.setNow(new Date())
  })
})
