import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.js'
import { AppError } from '../../../lib/errors.js'
import type { SessionStaff } from '../../../lib/express-types.js'
import { branchSubtreeIds } from '../../org/index.js'
import { findRootBranchId, listBranches } from '../branches.repository.js'
import { staffIn, type ScopedStaff } from '../staff.repository.js'

export interface BranchNode {
  id: string
  name: string
  level: string
  parentId: string | null
  province: string
}
export interface Scope {
  node: BranchNode
  /** Root of what the viewer may see, down to `node`. */
  breadcrumb: BranchNode[]
  children: BranchNode[]
  /** Every branch id under `node`, itself included. */
  branchIds: string[]
  /** Active front-office staff under `node`: whose process is assessed. */
  staff: ScopedStaff[]
  /** For each branch under `node`: the child of `node` it sits under. */
  childOf: Map<string, string>
}

/** The branches a viewer may look at: a supervisor their subtree, the middle office the whole bank. */
async function viewerRoot(db: Kysely<Database>, viewer: SessionStaff): Promise<string> {
  if (viewer.role === 'supervisor') return viewer.branchId
  return findRootBranchId(db)
}

/** Resolves `branchId` (default: the viewer's root) inside what the viewer may see; outside → 403. */
export async function resolveScope(db: Kysely<Database>, viewer: SessionStaff, branchId?: string): Promise<Scope> {
  const rootId = await viewerRoot(db, viewer)
  const allowed = new Set(await branchSubtreeIds(db, rootId))
  const nodeId = branchId ?? rootId
  if (!allowed.has(nodeId)) throw new AppError('OUT_OF_SCOPE', 403, '该机构不在您的管辖范围内')
  const rows = await listBranches(db)
  const byId = new Map(rows.map((r) => [r.id, r as BranchNode]))
  const breadcrumb: BranchNode[] = []
  for (let id: string | null = nodeId; id && allowed.has(id); id = byId.get(id)?.parentId ?? null)
    breadcrumb.unshift(byId.get(id)!)
  const branchIds = await branchSubtreeIds(db, nodeId)
  const staff = await staffIn(db, branchIds)
  const children = rows.filter((r) => r.parentId === nodeId).sort((a, b) => a.id.localeCompare(b.id)) as BranchNode[]
  const childOf = new Map<string, string>()
  for (const id of branchIds) {
    let at: string | null = id
    while (at && byId.get(at)?.parentId !== nodeId) at = byId.get(at)?.parentId ?? null
    if (at) childOf.set(id, at)
  }
  return { node: byId.get(nodeId)!, breadcrumb, children, branchIds, staff, childOf }
}

/** One staff member, if the viewer's scope reaches them. */
export async function resolveStaff(db: Kysely<Database>, viewer: SessionStaff, userid: string): Promise<ScopedStaff> {
  const rootId = await viewerRoot(db, viewer)
  const [member] = await staffIn(db, await branchSubtreeIds(db, rootId)).then((all) =>
    all.filter((s) => s.userid === userid),
  )
  if (!member) throw new AppError('OUT_OF_SCOPE', 403, '该员工不在您的管辖范围内')
  return member
}
