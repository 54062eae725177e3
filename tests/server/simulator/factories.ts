import type { Db } from '../../../server/db/connect.js'
import type { UncheckedJson } from '../support/test-app.js'

let seq = 0
const next = () => ++seq

export async function insertBranch(db: Db, over: { id?: string; name?: string } = {}): Promise<string> {
  const id = over.id ?? `b${next()}`
  await db.kysely
    .insertInto('branches')
    .values({ id, name: over.name ?? `测试支行${id}`, parent_id: null, level: 'sub', province: '广东' })
    .execute()
  return id
}

export async function insertStaff(
  db: Db,
  over: { userid?: string; name?: string; branchId?: string; role?: 'front' | 'middle' | 'supervisor' } = {},
): Promise<string> {
  const n = next()
  const userid = over.userid ?? `staff${n}`
  const branchId = over.branchId ?? (await insertBranch(db))
  await db.kysely
    .insertInto('staff')
    .values({
      id: `E${n}`,
      wecom_userid: userid,
      name: over.name ?? `员工${n}`,
      title: '客户经理',
      role: over.role ?? 'front',
      branch_id: branchId,
      active: 1,
    })
    .execute()
  return userid
}

export async function insertPerson(
  db: Db,
  over: { externalUserid?: string; name?: string; phone?: string; type?: number } = {},
): Promise<string> {
  const n = next()
  const id = over.externalUserid ?? `wmTestPerson${String(n).padStart(6, '0')}`
  await db.kysely
    .insertInto('sim_people')
    .values({
      external_userid: id,
      name: over.name ?? `客户${n}`,
      phone: over.phone ?? `1380000${String(n).padStart(4, '0')}`,
      gender: 2,
      type: over.type ?? 1,
      corp_name: over.type === 2 ? '某某科技' : null,
      avatar: 'https://wework.qpic.cn/wwhead/x/0',
      unionid: `oUnion${n}`,
      province: '广东',
    })
    .execute()
  return id
}

export async function insertFollow(
  db: Db,
  userid: string,
  externalUserid: string,
  over: {
    createtime?: number
    deletedByMember?: boolean
    deletedByCustomer?: boolean
    state?: string
    tags?: unknown[]
  } = {},
): Promise<void> {
  await db.kysely
    .insertInto('sim_follows')
    .values({
      userid,
      external_userid: externalUserid,
      remark: '老客户',
      description: '',
      createtime: over.createtime ?? 1_700_000_000,
      add_way: 1,
      oper_userid: externalUserid,
      state: over.state ?? null,
      tags: JSON.stringify(over.tags ?? []),
      deleted_by_member: over.deletedByMember ? 1 : 0,
      deleted_by_customer: over.deletedByCustomer ? 1 : 0,
    })
    .execute()
}

/** One customer followed by one new staff member. */
export async function staffWithCustomer(db: Db, follow: Parameters<typeof insertFollow>[3] = {}) {
  const userid = await insertStaff(db)
  const externalUserid = await insertPerson(db)
  await insertFollow(db, userid, externalUserid, follow)
  return { userid, externalUserid }
}

/** A qyapi caller against the app's simulator: fetches a token and calls with it. */
export function qyapi(baseUrl: string, corpId: string, secret: string) {
  let token = ''
  const url = (path: string, query: Record<string, string> = {}) => {
    const u = new URL(`${baseUrl}/simulator/cgi-bin${path}`)
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v)
    return u.toString()
  }
  const ensureToken = async () => {
    if (!token)
      token = (await (await fetch(url('/gettoken', { corpid: corpId, corpsecret: secret }))).json()).access_token
    return token
  }
  // Like WeCom's sample client: on 40014/42001 fetch a new token and retry once.
  // WeCom's answers as they come (the tests assert on their fields): the same unchecked door as TestResponse.json.
  const call = async (path: string, query: Record<string, string>, init?: RequestInit): Promise<UncheckedJson> => {
    for (let attempt = 0; ; attempt++) {
      const json: UncheckedJson = await (
        await fetch(url(path, { access_token: await ensureToken(), ...query }), init)
      ).json()
      if (attempt > 0 || (json.errcode !== 40014 && json.errcode !== 42001)) return json
      token = ''
    }
  }
  return {
    url,
    get: (path: string, query: Record<string, string> = {}) => call(path, query),
    post: (path: string, body: unknown, query: Record<string, string> = {}) =>
      call(path, query, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    ensureToken,
  }
}
