import { Router } from 'express'
import { GroupParams, GroupViewSchema } from '../../contracts/groups.js'
import { doc } from '../../lib/api-docs.js'
import type { AppContext } from '../../lib/context.js'
import { allow } from '../../lib/policy.js'
import { currentStaff } from '../auth/index.js'
import { getGroupView } from './group-view.service.js'

/** Customer group chats seen from the sidebar; mounted under /api. */
export function groupsRoutes(ctx: AppContext): Router {
  const router = Router()
  // Front office only, and only groups they own or sit in (checked against WeCom's member list).
  router.get(
    '/groups/:chatId',
    allow({ roles: ['front'], scope: 'own-book' }),
    doc({
      summary: '群聊工具栏：客户群成员及各自的实名认证状态（每次查看均审计）',
      params: GroupParams,
      responses: { 200: GroupViewSchema },
    }),
    async (req, res) => {
      const { chatId } = GroupParams.parse(req.params)
      res.setHeader('Cache-Control', 'no-store')
      res.json(await getGroupView(ctx, currentStaff(req), chatId, req.ip))
    },
  )
  return router
}
