import { Router } from 'express'
import { ContactParams } from '../../contracts/contacts.js'
import {
  AddTagsBody,
  ContactTagsSchema,
  CreateTagGroupBody,
  RenameBody,
  SetContactTagsBody,
  TagCatalogueSchema,
  TagIdParams,
  TagSyncResultSchema,
} from '../../contracts/tags.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { onCorpTagsChanged, onRelationTagsReported } from '../wecom/index.js'
import { changeCatalogue, readCatalogue, syncCatalogue } from './catalogue.service.js'
import { getContactTags, setContactTags } from './contact-tags.service.js'
import { tagCallFailed } from './tag-errors.js'
import { replaceTagsOfRelations } from './tags.repository.js'

const OWN_BOOK = () => allow({ roles: ['front'], scope: 'own-book' })
const MIDDLE_OFFICE = () => allow({ roles: ['middle'], scope: 'middle-office' })
const READERS = () => allow({ roles: ['front', 'middle', 'supervisor'], scope: 'signed-in' })

/** 企业客户标签: the catalogue (read by all, managed by the middle office) and a manager's tags on a customer. */
export function tagsRoutes(ctx: AppContext): Router {
  // A change_external_tag callback re-reads the catalogue (wecom cannot import this feature: it sits below).
  onCorpTagsChanged(ctx, async (c) => void (await syncCatalogue(c)))
  // The relation import and contact callbacks report each relation's tags as WeCom lists them.
  onRelationTagsReported(ctx, replaceTagsOfRelations)
  const router = Router()
  router.get(
    '/tags/catalogue',
    READERS(),
    doc({ summary: '企业客户标签库（与企业微信同步）', responses: { 200: TagCatalogueSchema } }),
    async (_req, res) => {
      res.json(await readCatalogue(ctx))
    },
  )
  router.get(
    '/contacts/:externalUserId/tags',
    OWN_BOOK(),
    doc({
      summary: '我给该客户打的企业标签（从企业微信刷新）',
      params: ContactParams,
      responses: { 200: ContactTagsSchema },
    }),
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      res.setHeader('Cache-Control', 'no-store')
      res.json(await getContactTags(ctx, currentStaff(req), externalUserId))
    },
  )
  router.put(
    '/contacts/:externalUserId/tags',
    OWN_BOOK(),
    doc({
      summary: '设置我给该客户打的企业标签（mark_tag；只改本人的联系人；审计）',
      params: ContactParams,
      body: SetContactTagsBody,
      responses: { 200: ContactTagsSchema },
    }),
    async (req, res) => {
      const { externalUserId } = ContactParams.parse(req.params)
      const { tagIds } = SetContactTagsBody.parse(req.body)
      res.json(await setContactTags(ctx, currentStaff(req), externalUserId, tagIds, req.ip))
    },
  )
  router.post(
    '/console/tags/sync',
    MIDDLE_OFFICE(),
    doc({ summary: '立即从企业微信同步标签库', responses: { 200: TagSyncResultSchema } }),
    async (_req, res) => {
      res.json(await syncCatalogue(ctx).catch((err: unknown) => Promise.reject(tagCallFailed(ctx, err, 'tag sync'))))
    },
  )
  router.post(
    '/console/tags/groups',
    MIDDLE_OFFICE(),
    doc({
      summary: '新建标签组及其标签（add_corp_tag）',
      body: CreateTagGroupBody,
      responses: { 201: TagCatalogueSchema },
    }),
    async (req, res) => {
      const { name, tags } = CreateTagGroupBody.parse(req.body)
      res.status(201).json(await changeCatalogue(ctx, currentStaff(req), { kind: 'create-group', name, tags }, req.ip))
    },
  )
  router.post(
    '/console/tags/groups/:id/tags',
    MIDDLE_OFFICE(),
    doc({
      summary: '向标签组添加标签',
      params: TagIdParams,
      body: AddTagsBody,
      responses: { 201: TagCatalogueSchema },
    }),
    async (req, res) => {
      const { id } = TagIdParams.parse(req.params)
      const { tags } = AddTagsBody.parse(req.body)
      res
        .status(201)
        .json(await changeCatalogue(ctx, currentStaff(req), { kind: 'add-tags', groupId: id, tags }, req.ip))
    },
  )
  router.patch(
    '/console/tags/:id',
    MIDDLE_OFFICE(),
    doc({
      summary: '重命名标签或标签组（edit_corp_tag；仅本应用创建的）',
      params: TagIdParams,
      body: RenameBody,
      responses: { 200: TagCatalogueSchema },
    }),
    async (req, res) => {
      const { id } = TagIdParams.parse(req.params)
      const { name } = RenameBody.parse(req.body)
      res.json(await changeCatalogue(ctx, currentStaff(req), { kind: 'rename', id, name }, req.ip))
    },
  )
  router.delete(
    '/console/tags/tags/:id',
    MIDDLE_OFFICE(),
    doc({
      summary: '删除标签（del_corp_tag；仅本应用创建的）',
      params: TagIdParams,
      responses: { 200: TagCatalogueSchema },
    }),
    async (req, res) => {
      const { id } = TagIdParams.parse(req.params)
      res.json(await changeCatalogue(ctx, currentStaff(req), { kind: 'delete-tag', id }, req.ip))
    },
  )
  router.delete(
    '/console/tags/groups/:id',
    MIDDLE_OFFICE(),
    doc({
      summary: '删除标签组及其全部标签（仅本应用创建的）',
      params: TagIdParams,
      responses: { 200: TagCatalogueSchema },
    }),
    async (req, res) => {
      const { id } = TagIdParams.parse(req.params)
      res.json(await changeCatalogue(ctx, currentStaff(req), { kind: 'delete-group', id }, req.ip))
    },
  )
  return router
}
