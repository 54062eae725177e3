import type { AppContext } from '../../../lib/context.js'
import { optional } from '../dashboard/result-sources.js'
import { staffIn } from '../dashboard/scope.js'

/** What the task form offers: branches, front-office staff and approved library items. */
export async function taskOptions(ctx: AppContext) {
  const db = ctx.db.kysely
  const branches = await db
    .selectFrom('branches')
    .select(['id', 'name', 'level', 'parent_id as parentId'])
    .orderBy('id')
    .execute()
  const staff = await staffIn(
    db,
    branches.map((b) => b.id),
  )
  const items = await optional(
    () =>
      db
        .selectFrom('content_items')
        .select(['id', 'title', 'kind', 'body', 'link'])
        .where('status', '=', 'approved')
        .orderBy('id', 'desc')
        .limit(100)
        .execute(),
    [],
  )
  return {
    branches,
    staff: staff.map((s) => ({ userid: s.userid, name: s.name, title: s.title, branchId: s.branchId })),
    items: items.map((i) => ({ id: Number(i.id), title: i.title, kind: i.kind, body: i.body, link: i.link })),
  }
}
