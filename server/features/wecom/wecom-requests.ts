/** Request bodies of the qyapi calls we make (facts §2.3–2.6); field names as WeCom spells them. */

export type MsgAttachment =
  | { msgtype: 'image'; image: { media_id?: string; pic_url?: string } }
  | { msgtype: 'link'; link: { title: string; picurl?: string; desc?: string; url: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; pic_media_id: string; appid: string; page: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } }

export interface AddMsgTemplateRequest {
  chat_type?: 'single' | 'group'
  external_userid?: string[]
  chat_id_list?: string[]
  tag_filter?: { group_list: { tag_list: string[] }[] }
  sender?: string
  allow_select?: boolean
  text?: { content: string }
  attachments?: MsgAttachment[]
}

export interface SendWelcomeMsgRequest {
  welcome_code: string
  text?: { content: string }
  attachments?: MsgAttachment[]
}

export interface BatchGetByUserRequest {
  userid_list: string[]
  cursor?: string
  limit?: number
}

export interface BehaviorDataRequest {
  userid?: string[]
  partyid?: number[]
  /** epoch seconds */
  start_time: number
  end_time: number
}

export interface GroupMsgListRequest {
  chat_type: 'single' | 'group'
  start_time: number
  end_time: number
  creator?: string[]
  filter_type?: 0 | 1 | 2
  limit?: number
  cursor?: string
}

export interface GroupMsgTaskRequest {
  msgid: string
  limit?: number
  cursor?: string
}

export interface GroupMsgSendResultRequest extends GroupMsgTaskRequest {
  userid: string
}

export type MomentAttachment =
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'link'; link: { title?: string; url: string; media_id: string } }

export interface AddMomentTaskRequest {
  text?: { content: string }
  attachments?: MomentAttachment[]
  visible_range?: {
    sender_list?: { user_list?: string[]; department_list?: number[] }
    external_contact_list?: { tag_list?: string[] }
  }
}

export interface MomentTaskRequest {
  moment_id: string
  cursor?: string
  limit?: number
}

export interface MediaUploadRequest {
  type: 'image' | 'voice' | 'video' | 'file'
  filename: string
  contentType: string
  data: Uint8Array
}

/** groupchat/list: a member's customer groups; `limit` 1–1000. */
export interface GroupChatListRequest {
  owner_filter: { userid_list: string[] }
  cursor?: string
  limit: number
}
export interface GroupChatGetRequest {
  chat_id: string
  /** 1 = include each member's `name` */
  need_name?: 0 | 1
}

export interface TransferCustomerRequest {
  handover_userid: string
  takeover_userid: string
  /** at most 100 per call */
  external_userid: string[]
  /** 在职转接 only, ≤ 200 characters */
  transfer_success_msg?: string
}
export interface TransferResultRequest {
  handover_userid: string
  takeover_userid: string
  cursor?: string
}
export interface GroupTransferRequest {
  /** at most 100 per call */
  chat_id_list: string[]
  new_owner: string
}
