import { BRANCHES } from './geography.js'
import { randomName } from './names.js'
import type { Rng } from './prng.js'
import type { BranchRow, StaffRow } from './rows.js'
import { groupBy } from '../../lib/collections.js'

export interface Org {
  branches: BranchRow[]
  staff: StaffRow[]
  /** Active front-office staff per sub-branch id. */
  frontByBranch: Map<string, StaffRow[]>
  activeFront: StaffRow[]
}

type StaffSpec = Pick<StaffRow, 'title' | 'role'> & { active?: number }

const HEAD_STAFF: StaffSpec[] = [
  { title: '总行个人金融部总经理', role: 'supervisor' },
  { title: '中台内容专员', role: 'middle' },
  { title: '合规审核岗', role: 'middle' },
  { title: '投研分析岗', role: 'middle' },
]
const BRANCH_STAFF: StaffSpec[] = [
  { title: '分行个金部总经理', role: 'supervisor' },
  { title: '中台内容专员', role: 'middle' },
]

function subBranchStaff(rng: Rng, withLeaver: boolean): StaffSpec[] {
  const specs: StaffSpec[] = [{ title: '支行行长', role: 'supervisor' }]
  const front = rng.int(3, 4)
  for (let i = 0; i < front; i++)
    specs.push({ title: i === 0 || rng.chance(0.55) ? '客户经理' : '理财经理', role: 'front' })
  // A manager who has left keeps a staff row (history refers to it) but can no longer sign in.
  if (withLeaver) specs.push({ title: '客户经理', role: 'front', active: 0 })
  return specs
}

/**
 * A bank's managers each serve about this many customers. WeCom lets one member hold 5,000 customer relations
 * (20,000 after 扩容): a bank of a million customers has hundreds of managers, not the demo's forty.
 */
const CUSTOMERS_PER_MANAGER = 1_500

/**
 * Branches and staff; employee ids and WeCom userids follow generation order, so they are stable. A bank with
 * more customers than the demo's managers can serve (`customers` / CUSTOMERS_PER_MANAGER) gets more managers,
 * spread over the sub-branches and drawn after everyone else, so the demo-sized org stays as it is.
 */
export function buildOrg(rng: Rng, customers = 0): Org {
  const branches: BranchRow[] = BRANCHES.map((b) => ({
    id: b.id,
    name: b.name,
    parent_id: b.parentId,
    level: b.level,
    province: b.province,
  }))
  const subs = BRANCHES.filter((b) => b.level === 'sub')
  const leaverBranches = new Set([subs[rng.int(0, 5)]!.id, subs[rng.int(6, subs.length - 1)]!.id])
  const staff: StaffRow[] = []
  const usedUserids = new Map<string, number>()
  const hire = (spec: StaffSpec, branchId: string) => {
    const gender = rng.chance(0.5) ? 'M' : 'F'
    const { name, pinyin } = randomName(rng, gender, rng.int(1970, 2000))
    const seen = (usedUserids.get(pinyin) ?? 0) + 1
    usedUserids.set(pinyin, seen)
    staff.push({
      id: `E${String(staff.length + 1).padStart(5, '0')}`,
      wecom_userid: seen === 1 ? pinyin : `${pinyin}${seen}`,
      name,
      title: spec.title,
      role: spec.role,
      branch_id: branchId,
      active: spec.active ?? 1,
    })
  }
  for (const branch of BRANCHES) {
    const specs =
      branch.level === 'head'
        ? HEAD_STAFF
        : branch.level === 'branch'
          ? BRANCH_STAFF
          : subBranchStaff(rng, leaverBranches.has(branch.id))
    for (const spec of specs) hire(spec, branch.id)
  }
  // The bank's IT administrator loads CRM files; added last and without drawing, so other ids stay put.
  staff.push({
    id: `E${String(staff.length + 1).padStart(5, '0')}`,
    wecom_userid: 'crm.admin',
    name: '周信科',
    title: '信息科技部 · 系统管理员',
    role: 'admin',
    branch_id: BRANCHES[0]!.id,
    active: 1,
  })
  const front = staff.filter((s) => s.role === 'front' && s.active === 1).length
  const more = Math.max(0, Math.ceil(customers / CUSTOMERS_PER_MANAGER) - front)
  for (let i = 0; i < more; i++)
    hire({ title: i % 2 ? '理财经理' : '客户经理', role: 'front' }, subs[i % subs.length]!.id)
  const activeFront = staff.filter((s) => s.role === 'front' && s.active === 1)
  const frontByBranch = groupBy(activeFront, (s) => s.branch_id)
  return { branches, staff, frontByBranch, activeFront }
}
