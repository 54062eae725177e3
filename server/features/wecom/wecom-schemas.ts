import { z } from 'zod'

/** Reply shapes of the qyapi calls we make (facts §2–3). Known fields typed, the rest kept as-is. */
const str = z.string()
const num = z.coerce.number()

export const TokenReply = z.looseObject({ access_token: str.min(1), expires_in: num.positive() })
export const TicketReply = z.looseObject({ ticket: str.min(1), expires_in: num.positive() })

/** A member gets `userid`; anyone else (a WeChat user) gets `openid`. */
export const UserInfoReply = z.looseObject({
  userid: str.optional(),
  user_ticket: str.optional(),
  openid: str.optional(),
  external_userid: str.optional(),
})

export const ExternalContactProfile = z.looseObject({
  external_userid: str,
  name: str,
  avatar: str.default(''),
  type: num.default(1),
  gender: num.default(0),
  unionid: str.optional(),
  position: str.optional(),
  corp_name: str.optional(),
  corp_full_name: str.optional(),
})

export const FollowTag = z.looseObject({ group_name: str.optional(), tag_name: str, type: num, tag_id: str.optional() })

/** The corp tag ids among a follower's tags (type 1; personal tags, type 2, have no id). */
export const corpTagIdsOf = (tags: readonly z.infer<typeof FollowTag>[]): string[] =>
  tags.flatMap((t) => (t.type === 1 && t.tag_id ? [t.tag_id] : []))

export const FollowUser = z.looseObject({
  userid: str,
  remark: str.default(''),
  description: str.default(''),
  createtime: num,
  tags: z.array(FollowTag).default([]),
  remark_corp_name: str.optional(),
  remark_mobiles: z.array(str).default([]),
  add_way: num.default(0),
  oper_userid: str.optional(),
  state: str.optional(),
})

export const ExternalContactReply = z.looseObject({
  external_contact: ExternalContactProfile,
  follow_user: z.array(FollowUser).default([]),
  next_cursor: str.default(''),
})

export const ExternalContactListReply = z.looseObject({ external_userid: z.array(str).default([]) })
export const FollowUserListReply = z.looseObject({ follow_user: z.array(str).default([]) })

export const BatchGetByUserReply = z.looseObject({
  external_contact_list: z
    .array(
      z.looseObject({
        external_contact: ExternalContactProfile,
        follow_info: FollowUser.omit({ userid: true }).extend({
          userid: str.optional(),
          tag_id: z.array(str).default([]),
        }),
      }),
    )
    .default([]),
  next_cursor: str.default(''),
})

export const BehaviorDataReply = z.looseObject({
  behavior_data: z
    .array(
      z.looseObject({
        stat_time: num,
        new_apply_cnt: num.default(0),
        new_contact_cnt: num.default(0),
        chat_cnt: num.default(0),
        message_cnt: num.default(0),
        reply_percentage: num.optional(),
        avg_reply_time: num.optional(),
        negative_feedback_cnt: num.default(0),
      }),
    )
    .default([]),
})

export const AddMsgTemplateReply = z.looseObject({ msgid: str, fail_list: z.array(str).default([]) })

export const GroupMsgListReply = z.looseObject({
  group_msg_list: z
    .array(z.looseObject({ msgid: str, creator: str.optional(), create_time: num, create_type: num.optional() }))
    .default([]),
  next_cursor: str.default(''),
})

export const GroupMsgTaskReply = z.looseObject({
  task_list: z.array(z.looseObject({ userid: str, status: num, send_time: num.optional() })).default([]),
  next_cursor: str.default(''),
})

export const GroupMsgSendResultReply = z.looseObject({
  send_list: z
    .array(
      z.looseObject({
        external_userid: str.optional(),
        chat_id: str.optional(),
        userid: str,
        status: num,
        send_time: num.optional(),
      }),
    )
    .default([]),
  next_cursor: str.default(''),
})

/** send_welcome_msg answers only errcode/errmsg. */
export const EmptyReply = z.looseObject({})
export const AddMomentTaskReply = z.looseObject({ jobid: str })

export const MomentTaskResultReply = z.looseObject({
  /** 1 started, 2 running, 3 done */
  status: num,
  result: z
    .looseObject({
      errcode: num.optional(),
      moment_id: str.optional(),
      invalid_sender_list: z.looseObject({ user_list: z.array(str).default([]) }).optional(),
      invalid_external_contact_list: z.looseObject({ tag_list: z.array(str).default([]) }).optional(),
    })
    .optional(),
})

export const MomentTaskReply = z.looseObject({
  task_list: z.array(z.looseObject({ userid: str, publish_status: num })).default([]),
  next_cursor: str.default(''),
})

export const MediaUploadReply = z.looseObject({ type: str, media_id: str, created_at: num })

/** groupchat/get: `type` 1 member (userid) | 2 external contact (external_userid); `name` only with need_name=1. */
export const GroupChatMember = z.looseObject({
  userid: str,
  type: num,
  join_time: num,
  join_scene: num.optional(),
  invitor: z.looseObject({ userid: str }).optional(),
  group_nickname: str.default(''),
  name: str.optional(),
  unionid: str.optional(),
})

export const GroupChatReply = z.looseObject({
  group_chat: z.looseObject({
    chat_id: str,
    name: str.default(''),
    owner: str,
    create_time: num,
    notice: str.default(''),
    member_list: z.array(GroupChatMember).default([]),
    admin_list: z.array(z.looseObject({ userid: str })).default([]),
  }),
})

export type UserInfo = z.infer<typeof UserInfoReply>
export type ExternalContactDetail = z.infer<typeof ExternalContactReply>
export type FollowUserInfo = z.infer<typeof FollowUser>
export type BatchGetByUser = z.infer<typeof BatchGetByUserReply>
export type BehaviorData = z.infer<typeof BehaviorDataReply>
export type AddMsgTemplate = z.infer<typeof AddMsgTemplateReply>
export type GroupMsgList = z.infer<typeof GroupMsgListReply>
export type GroupMsgTask = z.infer<typeof GroupMsgTaskReply>
export type GroupMsgSendResult = z.infer<typeof GroupMsgSendResultReply>
export type MomentTaskResult = z.infer<typeof MomentTaskResultReply>
export type MomentTask = z.infer<typeof MomentTaskReply>
export type MediaUpload = z.infer<typeof MediaUploadReply>
export type GroupChat = z.infer<typeof GroupChatReply>['group_chat']

/** transfer_customer (在职 / 离职): per-customer errcode, 0 = the 24 h takeover has started. */
export const TransferCustomerReply = z.looseObject({
  customer: z.array(z.looseObject({ external_userid: str, errcode: num })).default([]),
})
/** transfer_result: 1 接替完毕, 2 等待接替, 3 客户拒绝, 4 接替成员客户达到上限, 5 无接替记录. */
export const TransferResultReply = z.looseObject({
  customer: z.array(z.looseObject({ external_userid: str, status: num, takeover_time: num.default(0) })).default([]),
  next_cursor: str.default(''),
})
export type TransferResult = z.infer<typeof TransferResultReply>['customer'][number]
export const UnassignedListReply = z.looseObject({
  info: z
    .array(z.looseObject({ handover_userid: str, external_userid: str, dimission_time: num.default(0) }))
    .default([]),
  is_last: z.boolean().default(true),
  next_cursor: str.default(''),
})
export const GroupChatListReply = z.looseObject({
  group_chat_list: z.array(z.looseObject({ chat_id: str, status: num.default(0) })).default([]),
  next_cursor: str.default(''),
})
export const GroupTransferReply = z.looseObject({
  failed_chat_list: z.array(z.looseObject({ chat_id: str, errcode: num, errmsg: str.default('') })).default([]),
})
