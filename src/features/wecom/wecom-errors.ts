/** A JS-SDK call that failed, with a message a customer manager can act on. */
export class WecomError extends Error {
  // Assigned, not class fields: no field helper for the Chrome 97 target, which would be one more file
  // the sidebar's boot (src/sidebar/sidebar-boot.ts) waits for.
  declare readonly kind: 'no_permission' | 'wrong_entry' | 'cancelled' | 'not_in_wecom' | 'signature' | 'unknown'
  declare readonly raw?: string

  constructor(kind: WecomError['kind'], message: string, raw?: string) {
    super(message)
    this.kind = kind
    this.raw = raw
  }
}

/** Maps the SDK's `errMsg` (e.g. `sendChatMessage:fail_no permission`) to a WecomError. */
export function toWecomError(err: unknown): WecomError {
  if (err instanceof WecomError) return err
  const raw =
    typeof err === 'object' && err && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : String(err)
  if (/no permission/i.test(raw))
    return new WecomError('no_permission', '没有客户联系权限，请联系管理员在企业微信后台开通', raw)
  if (/without context of external contact/i.test(raw))
    return new WecomError('wrong_entry', '请从与客户的聊天工具栏打开侧边栏', raw)
  if (/cancel/i.test(raw)) return new WecomError('cancelled', '已取消', raw)
  if (/invalid signature|40093|42012|80001/i.test(raw))
    return new WecomError('signature', '企业微信签名校验失败，请稍后重新打开侧边栏', raw)
  return new WecomError('unknown', '企业微信接口调用失败，请重试', raw)
}
