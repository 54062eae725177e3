export type ConsentChannel = 'told_manager' | 'content_page'

/** Append-only marketing consent: the latest row of a contact decides. */
export interface MarketingConsentTable {
  id: number
  external_userid: string
  /** 1 = does not want marketing messages (不再接收此类推送). */
  opted_out: number
  channel: ConsentChannel
  /** Who recorded it in the sidebar; null when the customer did it on the content page. */
  staff_userid: string | null
  at: string
}
