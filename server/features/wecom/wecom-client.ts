import type { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { CredentialCache } from './credential-cache.js'
import * as R from './wecom-schemas.js'
import * as T from './corp-tag-schemas.js'
import type * as Q from './wecom-requests.js'
import { callQyapi, type CallSpec, type FetchImpl, type TransportOptions } from './wecom-transport.js'
import { paceCall, WECOM_PACE, type GovernorHooks } from './wecom-governor.js'

export interface WecomClientOptions {
  busyBackoffMs?: (attempt: number) => number
  timeoutMs?: number
  /** Test hooks for the retry and pacing waits (default: real timers, Math.random, ctx.now). */
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  pacing?: Partial<Omit<GovernorHooks, 'sleep'>>
}

/** Named, typed qyapi calls. The access_token never leaves it; tickets are exposed only for server-side signing. */
export type WecomClient = ReturnType<typeof createWecomClient>

/** Builds a client over `config.wecom.apiBase`; credentials cached in `kv` (shared across instances). */
export function createWecomClient(ctx: AppContext, fetchImpl: FetchImpl = fetch, options: WecomClientOptions = {}) {
  const { corpId, agentId, secret, apiBase } = ctx.config.wecom
  const scope = `${corpId}:${agentId}`
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const hooks: GovernorHooks = { now: ctx.now, maxWaitMs: 90_000, ...WECOM_PACE, ...options.pacing, sleep }
  const transport: TransportOptions = {
    apiBase,
    fetchImpl,
    busyBackoffMs: options.busyBackoffMs ?? ((n) => 200 * 2 ** n),
    timeoutMs: options.timeoutMs ?? 10_000,
    sleep,
    random: options.random,
  }
  // Token and ticket fetches have their own hourly limits and are cached; every other call is paced.
  const paced: TransportOptions = { ...transport, pace: (api) => paceCall(ctx.db.kysely, corpId, api, hooks) }
  const tokens = new CredentialCache(ctx, `wecom:access_token:${scope}`, async () => {
    const r = await callQyapi(transport, {
      method: 'GET',
      path: '/gettoken',
      query: { corpid: corpId, corpsecret: secret },
      schema: R.TokenReply,
    })
    return { value: r.access_token, expiresInSec: r.expires_in }
  })
  const call = <S extends z.ZodType>(spec: CallSpec<S>) => callQyapi(paced, spec, tokens)
  const ticket = (key: string, path: string, query?: Record<string, string>) =>
    new CredentialCache(ctx, `wecom:${key}:${scope}`, async () => {
      const r = await call({ method: 'GET', path, query, schema: R.TicketReply })
      return { value: r.ticket, expiresInSec: r.expires_in }
    })
  const corpTicket = ticket('jsapi_ticket', '/get_jsapi_ticket')
  const agentTicket = ticket('agent_ticket', '/ticket/get', { type: 'agent_config' })
  const get = <S extends z.ZodType>(path: string, schema: S, query?: CallSpec<S>['query']) =>
    call({ method: 'GET', path, query, schema })
  const post = <S extends z.ZodType>(path: string, schema: S, json: unknown) =>
    call({ method: 'POST', path, json, schema })

  return {
    corpId,
    agentId,
    /** Fetches (or reuses) the access_token without returning it: the self-check's first step. */
    checkToken: async (): Promise<void> => {
      await tokens.get()
    },
    /** Corp jsapi_ticket (for `config`); for server-side signing only. */
    corpJsapiTicket: () => corpTicket.get(),
    /** App jsapi_ticket (`type=agent_config`, for `agentConfig`); for server-side signing only. */
    agentJsapiTicket: () => agentTicket.get(),
    /** OAuth code → `userid` (member) or `openid` (anyone else). */
    getUserInfo: (code: string) => get('/auth/getuserinfo', R.UserInfoReply, { code }),
    getExternalContact: (externalUserid: string, cursor?: string) =>
      get('/externalcontact/get', R.ExternalContactReply, {
        external_userid: externalUserid,
        cursor: cursor || undefined,
      }),
    listExternalContacts: (userid: string) => get('/externalcontact/list', R.ExternalContactListReply, { userid }),
    getFollowUserList: () => get('/externalcontact/get_follow_user_list', R.FollowUserListReply),
    /** Greets a new customer with the add callback's WelcomeCode (20 s, single use; 41051 when no longer usable). */
    sendWelcomeMsg: (body: Q.SendWelcomeMsgRequest) => post('/externalcontact/send_welcome_msg', R.EmptyReply, body),
    batchGetByUser: (body: Q.BatchGetByUserRequest) =>
      post('/externalcontact/batch/get_by_user', R.BatchGetByUserReply, body),
    getUserBehaviorData: (body: Q.BehaviorDataRequest) =>
      post('/externalcontact/get_user_behavior_data', R.BehaviorDataReply, body),
    addMsgTemplate: (body: Q.AddMsgTemplateRequest) =>
      post('/externalcontact/add_msg_template', R.AddMsgTemplateReply, body),
    getGroupMsgListV2: (body: Q.GroupMsgListRequest) =>
      post('/externalcontact/get_groupmsg_list_v2', R.GroupMsgListReply, body),
    getGroupMsgTask: (body: Q.GroupMsgTaskRequest) =>
      post('/externalcontact/get_groupmsg_task', R.GroupMsgTaskReply, body),
    getGroupMsgSendResult: (body: Q.GroupMsgSendResultRequest) =>
      post('/externalcontact/get_groupmsg_send_result', R.GroupMsgSendResultReply, body),
    addMomentTask: (body: Q.AddMomentTaskRequest) =>
      post('/externalcontact/add_moment_task', R.AddMomentTaskReply, body),
    getMomentTaskResult: (jobid: string) =>
      get('/externalcontact/get_moment_task_result', R.MomentTaskResultReply, { jobid }),
    getMomentTask: (body: Q.MomentTaskRequest) => post('/externalcontact/get_moment_task', R.MomentTaskReply, body),
    /** A customer group with its members and their names (`need_name: 1`); unknown chat → errcode 40050. */
    getGroupChat: async (chatId: string) => {
      const body: Q.GroupChatGetRequest = { chat_id: chatId, need_name: 1 }
      return (await post('/externalcontact/groupchat/get', R.GroupChatReply, body)).group_chat
    },
    /** 在职转接: the customers move to the successor after 24 h unless they refuse (≤ 100 per call). */
    transferCustomer: (body: Q.TransferCustomerRequest) =>
      post('/externalcontact/transfer_customer', R.TransferCustomerReply, body),
    transferResult: (body: Q.TransferResultRequest) =>
      post('/externalcontact/transfer_result', R.TransferResultReply, body),
    /** 离职继承: a member who has left; no transfer message. */
    resignedTransferCustomer: (body: Omit<Q.TransferCustomerRequest, 'transfer_success_msg'>) =>
      post('/externalcontact/resigned/transfer_customer', R.TransferCustomerReply, body),
    resignedTransferResult: (body: Q.TransferResultRequest) =>
      post('/externalcontact/resigned/transfer_result', R.TransferResultReply, body),
    getUnassignedList: (cursor?: string) =>
      post('/externalcontact/get_unassigned_list', R.UnassignedListReply, { cursor, page_size: 1000 }),
    /** The customer groups a member owns, a page at a time (`next_cursor` empty on the last). */
    listGroupChats: (body: Q.GroupChatListRequest) =>
      post('/externalcontact/groupchat/list', R.GroupChatListReply, body),
    transferGroupChats: (body: Q.GroupTransferRequest) =>
      post('/externalcontact/groupchat/transfer', R.GroupTransferReply, body),
    transferOnjobGroupChats: (body: Q.GroupTransferRequest) =>
      post('/externalcontact/groupchat/onjob_transfer', R.GroupTransferReply, body),
    getCorpTagList: (body: { tag_id?: string[]; group_id?: string[] } = {}) =>
      post('/externalcontact/get_corp_tag_list', T.CorpTagListReply, body),
    addCorpTag: (body: T.AddCorpTagRequest) => post('/externalcontact/add_corp_tag', T.AddCorpTagReply, body),
    editCorpTag: (body: T.EditCorpTagRequest) => post('/externalcontact/edit_corp_tag', T.EmptyReply, body),
    delCorpTag: (body: T.DelCorpTagRequest) => post('/externalcontact/del_corp_tag', T.EmptyReply, body),
    markTag: (body: T.MarkTagRequest) => post('/externalcontact/mark_tag', T.EmptyReply, body),
    /** Temporary media (valid 3 days), multipart field `media`. */
    uploadMedia: (media: Q.MediaUploadRequest) =>
      call({
        method: 'POST',
        path: '/media/upload',
        query: { type: media.type },
        form: () => {
          const form = new FormData()
          form.append('media', new Blob([new Uint8Array(media.data)], { type: media.contentType }), media.filename)
          return form
        },
        schema: R.MediaUploadReply,
      }),
  }
}

const shared = new WeakMap<AppContext, WecomClient>()

/** The app-wide client for `ctx` (one memo per process); features call this rather than building their own. */
export function getWecomClient(ctx: AppContext): WecomClient {
  let client = shared.get(ctx)
  if (!client) shared.set(ctx, (client = createWecomClient(ctx)))
  return client
}
