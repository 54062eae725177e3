import type { TagCatalogue } from '../../contracts/tags.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { getWecomClient } from '../wecom/index.js'
import { catalogueSyncedAt, groupExists, liveCatalogue, replaceCatalogue } from './tags.repository.js'
import { tagCallFailed } from './tag-errors.js'

/** Reads the whole corp tag catalogue from WeCom into the mirror. */
export async function syncCatalogue(ctx: AppContext): Promise<{ groups: number; tags: number; syncedAt: string }> {
  const reply = await getWecomClient(ctx).getCorpTagList()
  const now = ctx.now()
  await replaceCatalogue(ctx.db.kysely, reply.tag_group, now)
  const tags = reply.tag_group.reduce((n, g) => n + g.tag.filter((t) => !t.deleted).length, 0)
  return { groups: reply.tag_group.length, tags, syncedAt: now.toISOString() }
}

/** The mirrored catalogue, grouped, in WeCom's order. */
export async function readCatalogue(ctx: AppContext): Promise<TagCatalogue> {
  const db = ctx.db.kysely
  const groups: TagCatalogue['groups'] = []
  for (const t of await liveCatalogue(db)) {
    let group = groups.at(-1)
    if (group?.groupId !== t.groupId) groups.push((group = { groupId: t.groupId, name: t.groupName, tags: [] }))
    group.tags.push({ id: t.tagId, name: t.name })
  }
  return { groups, syncedAt: await catalogueSyncedAt(db) }
}

type Change =
  | { kind: 'create-group'; name: string; tags: string[] }
  | { kind: 'add-tags'; groupId: string; tags: string[] }
  | { kind: 'rename'; id: string; name: string }
  | { kind: 'delete-tag'; id: string }
  | { kind: 'delete-group'; id: string }

/**
 * One catalogue change made in WeCom (the catalogue lives there), then the mirror re-read, audited either way.
 * WeCom refuses changes to tags the app did not create: that comes back as TAG_NOT_EDITABLE.
 */
export async function changeCatalogue(
  ctx: AppContext,
  me: SessionStaff,
  change: Change,
  ip: string | undefined,
): Promise<TagCatalogue> {
  const client = getWecomClient(ctx)
  const db = ctx.db.kysely
  if (change.kind === 'add-tags' && !(await groupExists(db, change.groupId))) throw notFoundGroup()
  let outcome: 'allowed' | 'denied' = 'allowed'
  try {
    if (change.kind === 'create-group')
      await client.addCorpTag({ group_name: change.name, tag: change.tags.map((name) => ({ name })) })
    else if (change.kind === 'add-tags')
      await client.addCorpTag({ group_id: change.groupId, tag: change.tags.map((name) => ({ name })) })
    else if (change.kind === 'rename') await client.editCorpTag({ id: change.id, name: change.name })
    else if (change.kind === 'delete-tag') await client.delCorpTag({ tag_id: [change.id] })
    else await client.delCorpTag({ group_id: [change.id] })
  } catch (err) {
    outcome = 'denied'
    throw tagCallFailed(ctx, err, `tag ${change.kind}`)
  } finally {
    await recordAudit(
      db,
      { actorStaffId: me.id, action: `tags.${change.kind}`, target: 'corp-tags', outcome, ip, detail: change },
      ctx.now(),
    )
  }
  await syncCatalogue(ctx).catch((err: unknown) => {
    throw tagCallFailed(ctx, err, 'tag catalogue sync')
  })
  return readCatalogue(ctx)
}

const notFoundGroup = () => new AppError('TAG_NOT_FOUND', 404, '标签组不存在或已被删除，请刷新标签库后重试')
