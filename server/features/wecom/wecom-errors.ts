/** errcode → meaning, from docs/wecom-facts.md §5 (Chinese: operators read these in logs and pages). */
export const ERRCODE_MEANINGS: Readonly<Record<number, string>> = {
  [-1]: '系统繁忙',
  40001: 'secret 无效（或与 corpid 不匹配、应用已停用）',
  40013: 'CorpID 无效',
  40014: 'access_token 无效',
  41001: '缺少 access_token',
  42001: 'access_token 已过期',
  42012: 'jsapi_ticket 不可用（agentConfig 须用应用 ticket）',
  40029: 'OAuth code 无效（已使用或超过 5 分钟）',
  40093: 'JS-SDK 签名错误',
  40096: 'external_userid 无效',
  40050: '客户群 chat_id 不存在',
  41051: '客户已开始聊天，不能再发欢迎语',
  45009: '接口调用超过频率限制',
  45033: '同一接口并发调用过多',
  48002: '应用无权调用该接口（检查客户联系「可调用接口的应用」）',
  50001: 'redirect_uri 域名不是应用的可信域名',
  60011: '超出应用可见范围',
  60020: '调用 IP 不在企业可信 IP 列表',
  60111: 'UserID 不存在',
  80001: '可信域名配置错误或未备案',
  84061: '不存在外部联系人关系',
}

export function errcodeMeaning(errcode: number): string {
  return ERRCODE_MEANINGS[errcode] ?? '未知错误'
}

/** A qyapi reply with a non-zero errcode. `api` is the path (never the query: it holds the token). */
export class WecomApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly meaning: string,
    readonly api = '',
  ) {
    super(`WeCom ${api} errcode ${errcode}: ${meaning}`)
    this.name = 'WecomApiError'
  }
}

/** 45009: back off (a per-minute block lifts after 60 s, per-hour after 60 min). */
export class WecomRateLimitError extends WecomApiError {
  constructor(errmsg: string, api = '') {
    super(45009, errmsg, errcodeMeaning(45009), api)
    this.name = 'WecomRateLimitError'
  }
}

/** No usable reply at all: network failure, non-2xx status, non-JSON or an unexpected shape. */
export class WecomTransportError extends Error {
  constructor(
    message: string,
    readonly api = '',
  ) {
    super(`WeCom ${api}: ${message}`)
    this.name = 'WecomTransportError'
  }
}

export function toWecomError(errcode: number, errmsg: string, api: string): WecomApiError {
  return errcode === 45009
    ? new WecomRateLimitError(errmsg, api)
    : new WecomApiError(errcode, errmsg, errcodeMeaning(errcode), api)
}
