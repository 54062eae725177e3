import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { cgi, E, parseInput, WecomError } from './cgi-kit.js'
import { epochSeconds, randomId } from './sim-options.js'
import {
  ensureSeedCatalogue,
  findGroup,
  findGroupByName,
  findTag,
  liveGroups,
  liveTags,
  type SimTag,
  type SimTagGroup,
} from './sim-tags.repository.js'
import { findFollow, findPerson, staffExists } from './sim-world.repository.js'

/** Group and tag names: at most 30 characters (WeCom's add/edit_corp_tag). */
const Name = z.string().trim().min(1).max(30, 'name exceeds 30 characters')
const Order = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1)
const Ids = z.array(z.string().min(1)).max(3000)

const ListBody = z.object({ tag_id: Ids.optional(), group_id: Ids.optional() })
const AddBody = z.object({
  group_id: z.string().min(1).optional(),
  group_name: Name.optional(),
  order: Order.optional(),
  tag: z
    .array(z.object({ name: Name, order: Order.optional() }))
    .min(1)
    .max(100),
})
const EditBody = z.object({ id: z.string().min(1), name: Name.optional(), order: Order.optional() })
const DelBody = z.object({ tag_id: Ids.optional(), group_id: Ids.optional() })
const MarkBody = z.object({
  userid: z.string().min(1),
  external_userid: z.string().min(1),
  add_tag: Ids.optional(),
  remove_tag: Ids.optional(),
})

/** A corp may configure at most 3000 tags. */
const MAX_TAGS = 3000

const invalidTagId = () => new WecomError(40068, 'invalid tagid')
const nameExists = () => new WecomError(40071, 'UserTag Name Already Exist')
// "应用仅能编辑和删除本应用创建的标签": a tag made in the admin console (or by another app) is out of reach.
const notCreatedByApp = () => new WecomError(48002, 'api forbidden: tag not created by this app')
const tooManyTags = () => new WecomError(40058, 'invalid parameter: a corp has at most 3000 tags')

const tagShape = (t: SimTag) => ({
  id: t.id,
  name: t.name,
  create_time: Number(t.create_time),
  order: Number(t.order),
  deleted: false,
})
const groupShape = (g: SimTagGroup, tags: SimTag[]) => ({
  group_id: g.group_id,
  group_name: g.group_name,
  create_time: Number(g.create_time),
  order: Number(g.order),
  deleted: false,
  tag: tags.filter((t) => t.group_id === g.group_id).map(tagShape),
})

/** Corp tag catalogue (get/add/edit/del_corp_tag) and marking a customer (mark_tag), with WeCom's rules. */
export function cgiTagRoutes(ctx: AppContext): Router {
  const router = Router()
  const db = () => ctx.db.kysely
  const nowSec = () => epochSeconds(ctx.now())
  router.use('/externalcontact', async (req, _res, next) => {
    if (/_corp_tag|mark_tag/.test(req.path)) await ensureSeedCatalogue(db(), nowSec())
    next()
  })

  router.post(
    '/externalcontact/get_corp_tag_list',
    cgi(async (req) => {
      const body = parseInput(ListBody, req.body ?? {})
      const [groups, tags] = [await liveGroups(db()), await liveTags(db())]
      // group_id wins over tag_id when both are given.
      if (body.group_id?.length) {
        const wanted = new Set(body.group_id)
        return { tag_group: groups.filter((g) => wanted.has(g.group_id)).map((g) => groupShape(g, tags)) }
      }
      if (body.tag_id?.length) {
        const wanted = tags.filter((t) => body.tag_id?.includes(t.id))
        return {
          tag_group: groups
            .filter((g) => wanted.some((t) => t.group_id === g.group_id))
            .map((g) => groupShape(g, wanted)),
        }
      }
      return { tag_group: groups.map((g) => groupShape(g, tags)) }
    }),
  )

  router.post(
    '/externalcontact/add_corp_tag',
    cgi(async (req) => {
      const body = parseInput(AddBody, req.body)
      const names = body.tag.map((t) => t.name)
      if (new Set(names).size !== names.length) throw nameExists()
      if ((await liveTags(db())).length + names.length > MAX_TAGS) throw tooManyTags()
      const now = nowSec()
      // group_id adds to that group; a group_name that exists adds to it as well; otherwise a new group.
      let group = body.group_id ? await findGroup(db(), body.group_id) : undefined
      if (body.group_id && !group) throw invalidTagId()
      if (!group && body.group_name) group = await findGroupByName(db(), body.group_name)
      if (!group && !body.group_name) throw E.invalidParam('group_id or group_name required')
      if (group) {
        const existing = new Set(
          (await liveTags(db())).filter((t) => t.group_id === group?.group_id).map((t) => t.name),
        )
        if (names.some((n) => existing.has(n))) throw nameExists()
      }
      const created = await db()
        .transaction()
        .execute(async (trx) => {
          if (!group) {
            group = {
              group_id: randomId('et', 22),
              group_name: body.group_name ?? '',
              order: body.order ?? 0,
              create_time: now,
              deleted: 0,
              created_by_app: 1,
            }
            await trx.insertInto('sim_corp_tag_groups').values(group).execute()
          }
          const rows = body.tag.map((t) => ({
            id: randomId('et', 22),
            group_id: group?.group_id ?? '',
            name: t.name,
            order: t.order ?? 0,
            create_time: now,
            deleted: 0,
            created_by_app: 1,
          }))
          await trx.insertInto('sim_corp_tags').values(rows).execute()
          return rows
        })
      return { tag_group: groupShape(group as SimTagGroup, created) }
    }),
  )

  router.post(
    '/externalcontact/edit_corp_tag',
    cgi(async (req) => {
      const body = parseInput(EditBody, req.body)
      const tag = await findTag(db(), body.id)
      const group = tag ? undefined : await findGroup(db(), body.id)
      if (!tag && !group) throw invalidTagId()
      if (!(tag ?? group)?.created_by_app) throw notCreatedByApp()
      if (tag) {
        if (body.name !== undefined) {
          const clash = (await liveTags(db())).some(
            (t) => t.group_id === tag.group_id && t.name === body.name && t.id !== tag.id,
          )
          if (clash) throw nameExists()
        }
        await db()
          .updateTable('sim_corp_tags')
          .set({ ...(body.name !== undefined ? { name: body.name } : {}), order: body.order ?? tag.order })
          .where('id', '=', tag.id)
          .execute()
      } else if (group) {
        if (body.name !== undefined) {
          const clash = await findGroupByName(db(), body.name)
          if (clash && clash.group_id !== group.group_id) throw nameExists()
        }
        await db()
          .updateTable('sim_corp_tag_groups')
          .set({ ...(body.name !== undefined ? { group_name: body.name } : {}), order: body.order ?? group.order })
          .where('group_id', '=', group.group_id)
          .execute()
      }
      return {}
    }),
  )

  router.post(
    '/externalcontact/del_corp_tag',
    cgi(async (req) => {
      const body = parseInput(DelBody, req.body)
      const tagIds = body.tag_id ?? []
      const groupIds = body.group_id ?? []
      if (tagIds.length === 0 && groupIds.length === 0) throw E.invalidParam('tag_id or group_id required')
      const tags = await Promise.all(tagIds.map((id) => findTag(db(), id)))
      const groups = await Promise.all(groupIds.map((id) => findGroup(db(), id)))
      if (tags.some((t) => !t) || groups.some((g) => !g)) throw invalidTagId()
      if ([...tags, ...groups].some((x) => !x?.created_by_app)) throw notCreatedByApp()
      await db()
        .transaction()
        .execute(async (trx) => {
          if (tagIds.length)
            await trx.updateTable('sim_corp_tags').set({ deleted: 1 }).where('id', 'in', tagIds).execute()
          if (groupIds.length) {
            await trx.updateTable('sim_corp_tag_groups').set({ deleted: 1 }).where('group_id', 'in', groupIds).execute()
            await trx.updateTable('sim_corp_tags').set({ deleted: 1 }).where('group_id', 'in', groupIds).execute()
          }
          // A group whose last tag goes is deleted with it.
          const touched = [...new Set(tags.map((t) => t?.group_id ?? ''))]
          for (const groupId of touched) {
            const left = await trx
              .selectFrom('sim_corp_tags')
              .select('id')
              .where('group_id', '=', groupId)
              .where('deleted', '=', 0)
              .executeTakeFirst()
            if (!left)
              await trx.updateTable('sim_corp_tag_groups').set({ deleted: 1 }).where('group_id', '=', groupId).execute()
          }
        })
      return {}
    }),
  )

  router.post(
    '/externalcontact/mark_tag',
    cgi(async (req) => {
      const body = parseInput(MarkBody, req.body)
      const add = body.add_tag ?? []
      const remove = body.remove_tag ?? []
      if (add.length === 0 && remove.length === 0) throw E.invalidParam('add_tag and remove_tag both empty')
      if (!(await staffExists(db(), body.userid))) throw E.userNotFound(body.userid)
      if (!(await findPerson(db(), body.external_userid))) throw E.invalidExternalUserid()
      const follow = await findFollow(db(), body.userid, body.external_userid)
      if (!follow || follow.deleted_by_member) throw E.notExternalContact()
      const groups = new Map((await liveGroups(db())).map((g) => [g.group_id, g]))
      const adding: SimTag[] = []
      for (const id of [...add, ...remove]) {
        const tag = await findTag(db(), id)
        if (!tag) throw invalidTagId()
        if (add.includes(id)) adding.push(tag)
      }
      const current = parseTags(follow.tags).filter(
        (t) => !remove.includes(t.tag_id ?? '') && !add.includes(t.tag_id ?? ''),
      )
      const next = [
        ...current,
        ...adding.map((t) => ({
          group_name: groups.get(t.group_id)?.group_name ?? '',
          tag_name: t.name,
          type: 1,
          tag_id: t.id,
        })),
      ]
      await db()
        .updateTable('sim_follows')
        .set({ tags: JSON.stringify(next) })
        .where('userid', '=', body.userid)
        .where('external_userid', '=', body.external_userid)
        .execute()
      return {}
    }),
  )
  return router
}

interface StoredTag {
  group_name: string
  tag_name: string
  type: number
  tag_id?: string
}

function parseTags(json: string): StoredTag[] {
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? (parsed as StoredTag[]) : []
  } catch {
    return []
  }
}
