import type { Kysely } from 'kysely'
import type { GroupExternalMember } from '../../contracts/groups.js'
import type { Database } from '../../db/database.js'
import { firstBindingsOf, verificationSummary } from '../verification/index.js'
import type { GroupChat } from '../wecom/index.js'
import { listLiveContactIdsAmong, listSegmentsOfCustomers } from './groups.repository.js'

type WecomMember = GroupChat['member_list'][number]

async function segments(db: Kysely<Database>, cifNos: string[]) {
  if (cifNos.length === 0) return new Map<string, GroupExternalMember['customer']>()
  const rows = await listSegmentsOfCustomers(db, cifNos)
  return new Map(rows.map((r) => [r.cif_no, { segment: r.segment }]))
}

async function myContacts(db: Kysely<Database>, staffUserid: string, ids: string[]): Promise<Set<string>> {
  return new Set(await listLiveContactIdsAmong(db, staffUserid, ids))
}

/**
 * Each external member as this manager sees them: WeCom's name, their verification state for this
 * manager, and the bound customer's segment. Nothing else from the CRM leaves the server.
 */
export async function externalMembersFor(
  db: Kysely<Database>,
  staffUserid: string,
  members: WecomMember[],
  now: Date,
): Promise<GroupExternalMember[]> {
  const externals = members.filter((m) => m.type === 2)
  if (externals.length === 0) return []
  const ids = externals.map((m) => m.userid)
  const [bindings, mine] = await Promise.all([firstBindingsOf(db, ids), myContacts(db, staffUserid, ids)])
  const segmentOf = await segments(db, [...new Set([...bindings.values()].map((b) => b.cif_no))])
  return Promise.all(
    externals.map(async (m) => {
      const binding = bindings.get(m.userid)
      const verification = await verificationSummary(db, staffUserid, m.userid, binding, now)
      return {
        externalUserId: m.userid,
        name: m.name || m.group_nickname || '微信用户',
        groupNickname: m.group_nickname,
        joinTime: new Date(m.join_time * 1000).toISOString(),
        joinScene: m.join_scene ?? null,
        isMyContact: mine.has(m.userid),
        verification: { status: verification.status },
        customer: binding ? (segmentOf.get(binding.cif_no) ?? null) : null,
      }
    }),
  )
}
