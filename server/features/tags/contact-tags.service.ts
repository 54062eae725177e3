import type { ContactTags } from '../../contracts/tags.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { SessionStaff } from '../../lib/express-types.js'
import { recordAudit } from '../audit/index.js'
import { corpTagIdsOf, getWecomClient, requireOwnContact } from '../wecom/index.js'
import { findLiveTags, replaceRelationTags, tagsOfRelation, type StoredTag } from './tags.repository.js'
import { tagCallFailed } from './tag-errors.js'

/** externalcontact/get pages followers 500 at a time; a customer with more is not a bank's customer. */
const MAX_FOLLOWER_PAGES = 4

/** This member's corp tag ids on the customer, as WeCom reports them now (personal tags have no id). */
async function fetchRelationTagIds(ctx: AppContext, staffUserid: string, externalUserid: string): Promise<string[]> {
  const client = getWecomClient(ctx)
  let cursor: string | undefined
  for (let page = 0; page < MAX_FOLLOWER_PAGES; page++) {
    const reply = await client.getExternalContact(externalUserid, cursor)
    const mine = reply.follow_user.find((f) => f.userid === staffUserid)
    if (mine) return corpTagIdsOf(mine.tags)
    if (!reply.next_cursor) break
    cursor = reply.next_cursor
  }
  return []
}

const shape = (tags: StoredTag[]): ContactTags['tags'] =>
  tags.map((t) => ({ id: t.tagId, name: t.name, groupName: t.groupName }))

/** The manager's corp tags on their own customer, refreshed from WeCom; the stored copy if WeCom is down. */
export async function getContactTags(ctx: AppContext, me: SessionStaff, externalUserid: string): Promise<ContactTags> {
  const db = ctx.db.kysely
  await requireOwnContact(db, me.userid, externalUserid)
  let fresh = true
  try {
    await replaceRelationTags(
      db,
      me.userid,
      externalUserid,
      await fetchRelationTagIds(ctx, me.userid, externalUserid),
      ctx.now(),
    )
  } catch (err) {
    ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'contact tags refresh failed')
    fresh = false
  }
  return { tags: shape(await tagsOfRelation(db, me.userid, externalUserid)), fresh }
}

/**
 * Sets the manager's corp tags on their own customer (mark_tag adds and removes the difference). WeCom keeps
 * tags per member: only the manager's own relation is touched, never a colleague's.
 */
export async function setContactTags(
  ctx: AppContext,
  me: SessionStaff,
  externalUserid: string,
  tagIds: readonly string[],
  ip: string | undefined,
): Promise<ContactTags> {
  const db = ctx.db.kysely
  await requireOwnContact(db, me.userid, externalUserid)
  const wanted = [...new Set(tagIds)]
  const known = await findLiveTags(db, wanted)
  if (known.length !== wanted.length) throw new AppError('TAG_NOT_FOUND', 404, '有标签不存在或已被删除，请刷新后重试')
  const current = (await tagsOfRelation(db, me.userid, externalUserid)).map((t) => t.tagId)
  const add = wanted.filter((id) => !current.includes(id))
  const remove = current.filter((id) => !wanted.includes(id))
  if (add.length || remove.length) {
    try {
      await getWecomClient(ctx).markTag({
        userid: me.userid,
        external_userid: externalUserid,
        ...(add.length ? { add_tag: add } : {}),
        ...(remove.length ? { remove_tag: remove } : {}),
      })
    } catch (err) {
      throw tagCallFailed(ctx, err, 'mark_tag')
    }
    await replaceRelationTags(db, me.userid, externalUserid, wanted, ctx.now())
    await recordAudit(
      db,
      {
        actorStaffId: me.id,
        action: 'tags.mark',
        target: `contact:${externalUserid}`,
        outcome: 'allowed',
        ip,
        detail: { add, remove },
      },
      ctx.now(),
    )
  }
  return { tags: shape(await tagsOfRelation(db, me.userid, externalUserid)), fresh: true }
}
