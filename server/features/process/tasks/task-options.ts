import type { AppContext } from '../../../lib/context.js'
import { optional } from '../dashboard/result-sources.js'
import { listBranchOptions } from '../branches.repository.js'
import { staffIn } from '../staff.repository.js'
import { listApprovedItems } from './library-items.repository.js'

/** What the task form offers: branches, front-office staff and approved library items. */
export async function taskOptions(ctx: AppContext) {
  const db = ctx.db.kysely
  const branches = await listBranchOptions(db)
  const staff = await staffIn(
    db,
    branches.map((b) => b.id),
  )
  const items = await optional(() => listApprovedItems(db), [])
  return {
    branches,
    staff: staff.map((s) => ({ userid: s.userid, name: s.name, title: s.title, branchId: s.branchId })),
    items: items.map((i) => ({ id: Number(i.id), title: i.title, kind: i.kind, body: i.body, link: i.link })),
  }
}
