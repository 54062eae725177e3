import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import { epochSeconds } from './dates.js'
import { insertRows } from './insert.js'
import type { Org } from './org.js'
import type { Rng } from './prng.js'
import type { Row, StaffRow } from './rows.js'
import { base62 } from './wecom-rows.js'

type GroupRow = Row<'sim_groups'>
type MemberRow = Row<'sim_group_members'>

const GROUP_NAMES = [
  '{b}财富沙龙群',
  '{n}的理财客户群',
  '{b}养老规划交流群',
  '基金定投打卡群·{b}',
  '{b}贵宾客户服务群',
  '周末亲子财商课·{b}',
]
const NOTICES = [
  '',
  '本群仅用于分享理财知识与活动通知，不构成投资建议。理财非存款，产品有风险，投资须谨慎。',
  '每周三晚 8 点直播答疑，欢迎提前留言问题。',
]
const NICKNAMES = ['', '', '', '晨跑的老周', '小雨妈妈', 'A 股老兵', '阳光', '退休教师王']
const DAY_S = 86_400

/** Live, undeleted contacts of one member, in a stable order. */
async function contactsOf(db: Kysely<Database>, userid: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sim_follows')
    .select('external_userid')
    .where('userid', '=', userid)
    .where('deleted_by_member', '=', 0)
    .where('deleted_by_customer', '=', 0)
    .orderBy('createtime')
    .orderBy('external_userid')
    .execute()
  return rows.map((r) => r.external_userid)
}

/** Up to `n` distinct items, drawn without replacement. */
function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const pool = [...items]
  const out: T[] = []
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]!)
  return out
}

/** Distinct names for one owner's groups. */
function groupNames(rng: Rng, owner: StaffRow, branchName: string, n: number): string[] {
  return sample(rng, GROUP_NAMES, n).map((t) =>
    t.replace('{b}', branchName.replace(/支行$/, '')).replace('{n}', owner.name),
  )
}

/**
 * Two or three customer groups per active front-office member: mostly their own customers, a few
 * customers of colleagues (joined by QR code, so not the owner's contacts) and one or two colleagues.
 * Replaces any groups already there, so a reseed stays deterministic.
 */
export async function seedGroups(db: Kysely<Database>, rng: Rng, org: Org, now: Date): Promise<number> {
  await db.deleteFrom('sim_group_members').execute()
  await db.deleteFrom('sim_groups').execute()
  const branchName = new Map(org.branches.map((b) => [b.id, b.name]))
  const nowS = epochSeconds(now)
  const groups: GroupRow[] = []
  const members: MemberRow[] = []
  // Two managers of one branch may draw the same template: the second gets her name added, so no two
  // groups in the bank share a name (same draws as before, so the rest of the seed is unchanged).
  const usedNames = new Set<string>()
  for (const owner of org.activeFront) {
    const own = await contactsOf(db, owner.wecom_userid)
    if (own.length < 3) continue
    const colleagues = (org.frontByBranch.get(owner.branch_id) ?? []).filter((s) => s.id !== owner.id)
    const theirs = colleagues.length ? await contactsOf(db, rng.pick(colleagues).wecom_userid) : []
    for (const drawn of groupNames(rng, owner, branchName.get(owner.branch_id) ?? '', rng.int(2, 3))) {
      let name = usedNames.has(drawn) ? `${drawn}（${owner.name}）` : drawn
      for (let i = 2; usedNames.has(name); i++) name = `${drawn}（${owner.name} ${i}）`
      usedNames.add(name)
      const chatId = `wr${base62(rng, 28)}`
      const created = nowS - rng.int(20, 700) * DAY_S - rng.int(0, DAY_S)
      groups.push({
        chat_id: chatId,
        name,
        owner: owner.wecom_userid,
        create_time: created,
        notice: rng.pick(NOTICES),
        status: 0,
      })
      const joined = () => created + rng.int(60, Math.max(120, nowS - created - 3600))
      members.push({
        chat_id: chatId,
        userid: owner.wecom_userid,
        type: 1,
        join_time: created,
        join_scene: 1,
        invitor: null,
        group_nickname: '',
      })
      for (const c of sample(rng, colleagues, rng.int(1, 2))) {
        members.push({
          chat_id: chatId,
          userid: c.wecom_userid,
          type: 1,
          join_time: joined(),
          join_scene: 1,
          invitor: owner.wecom_userid,
          group_nickname: '',
        })
      }
      const mine = sample(rng, own, rng.int(Math.min(6, own.length), Math.min(14, own.length)))
      const strangers = sample(
        rng,
        theirs.filter((id) => !own.includes(id)),
        rng.int(0, 3),
      )
      for (const id of mine) {
        const scene = rng.chance(0.7) ? 1 : 2
        members.push({
          chat_id: chatId,
          userid: id,
          type: 2,
          join_time: joined(),
          join_scene: scene,
          invitor: owner.wecom_userid,
          group_nickname: rng.pick(NICKNAMES),
        })
      }
      for (const id of strangers)
        members.push({
          chat_id: chatId,
          userid: id,
          type: 2,
          join_time: joined(),
          join_scene: 3,
          invitor: null,
          group_nickname: '',
        })
    }
  }
  await insertRows(db, 'sim_groups', groups)
  await insertRows(db, 'sim_group_members', members)
  return groups.length
}
