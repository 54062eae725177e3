export interface SimPeopleTable {
  external_userid: string
  name: string
  phone: string
  gender: number
  /** 1 WeChat user, 2 WeCom user of another corp. */
  type: number
  corp_name: string | null
  avatar: string
  unionid: string | null
  province: string
}

export interface SimFollowsTable {
  userid: string
  external_userid: string
  remark: string
  description: string
  /** epoch seconds */
  createtime: number
  add_way: number
  oper_userid: string
  state: string | null
  /** JSON array of `{ group_name, tag_name, type, tag_id? }` */
  tags: string
  deleted_by_member: number
  deleted_by_customer: number
}

export type SimCredentialKind = 'access_token' | 'jsapi_ticket' | 'agent_ticket'

export interface SimCredentialsTable {
  value: string
  kind: SimCredentialKind
  /** epoch seconds */
  created_at: number
  /** epoch seconds */
  expires_at: number
}

export interface SimOauthCodesTable {
  code: string
  /** set when a staff member signed in */
  userid: string | null
  /** set when a simulated WeChat person signed in */
  person_external_userid: string | null
  /** epoch seconds */
  created_at: number
  used_at: number | null
}

export interface SimMediaTable {
  media_id: string
  type: string
  filename: string
  content_type: string
  size: number
  created_at: number
  expires_at: number
  data: string | null
}

export interface SimChatMessagesTable {
  id: number
  userid: string
  /** external_userid for single chats, chat_id for group chats */
  conversation_id: string
  sender: 'staff' | 'customer'
  msgtype: string
  /** JSON of the message body as sent (e.g. `{ content }` or `{ link, title, desc, imgUrl }`) */
  payload: string
  sent_at: string
}

export interface SimSmsTable {
  id: number
  phone: string
  text: string
  sent_at: string
}

export interface SimTasksTable {
  /** msgid (mass message) or moment_id */
  id: string
  kind: 'groupmsg' | 'moment'
  jobid: string | null
  creator: string | null
  /** 0 corp, 1 personal */
  create_type: number
  chat_type: string | null
  /** epoch seconds */
  create_time: number
  /** JSON `{ text?, attachments? }` */
  body: string
  /** JSON string[] of member userids asked to send */
  senders: string
  /** JSON string[] of external_userids (mass messages) */
  targets: string
}

export interface SimWelcomeCodesTable {
  code: string
  userid: string
  external_userid: string
  issued_at: string
  used_at: string | null
  /** JSON `{ text?, attachments? }` as send_welcome_msg received it. */
  message: string | null
}
