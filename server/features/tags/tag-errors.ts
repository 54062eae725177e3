import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { WecomApiError, wecomUnavailable } from '../wecom/index.js'

/** Maps WeCom's answer to a catalogue or mark_tag call to what the console or sidebar can act on. */
export function tagCallFailed(ctx: AppContext, err: unknown, what: string): AppError {
  if (err instanceof WecomApiError) {
    // WeCom lets an app edit and delete only the tags it created itself (客户标签管理 · 权限说明).
    if (err.errcode === 48002)
      return new AppError(
        'TAG_NOT_EDITABLE',
        403,
        '企业微信不允许本应用修改此标签：它由企业微信管理后台或其他应用创建，请到企业微信管理后台「客户联系 → 客户标签」修改',
      )
    if (err.errcode === 40068) return new AppError('TAG_NOT_FOUND', 404, '标签不存在或已被删除，请刷新标签库后重试')
    if (err.errcode === 40071)
      return new AppError('TAG_NAME_TAKEN', 409, '同一标签组内已有同名标签（或已有同名标签组）')
  }
  return wecomUnavailable(ctx, err, what)
}
