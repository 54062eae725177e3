import type { Db } from '../../../server/db/connect.js'

let seq = 0

/** A customer group in the simulated corp; members are `[userid, type]` pairs joined in order. */
export async function insertGroup(
  db: Db,
  owner: string,
  members: [string, 1 | 2][],
  over: { chatId?: string; name?: string; createTime?: number; status?: number } = {},
): Promise<string> {
  const n = ++seq
  const chatId = over.chatId ?? `wrTestGroup${String(n).padStart(6, '0')}`
  const created = over.createTime ?? 1_700_000_000 + n
  await db.kysely
    .insertInto('sim_groups')
    .values({
      chat_id: chatId,
      name: over.name ?? `测试客户群${n}`,
      owner,
      create_time: created,
      notice: '群公告',
      status: over.status ?? 0,
    })
    .execute()
  const rows = [[owner, 1] as [string, 1 | 2], ...members].map(([userid, type], i) => ({
    chat_id: chatId,
    userid,
    type,
    join_time: created + i * 60,
    join_scene: i === 0 ? 1 : type === 2 && i % 2 === 0 ? 3 : 1,
    invitor: i === 0 || (type === 2 && i % 2 === 0) ? null : owner,
    group_nickname: i === 1 ? '小雨妈妈' : '',
  }))
  await db.kysely.insertInto('sim_group_members').values(rows).execute()
  return chatId
}
