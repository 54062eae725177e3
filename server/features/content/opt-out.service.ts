import type { AppContext } from '../../lib/context.js'
import { notFound } from '../../lib/errors.js'
import { findConsent, insertConsent } from '../consent/index.js'
import { findSentSend } from './sends.repository.js'

/**
 * 不再接收此类推送 on a content link: the customer who received this send opts out of marketing. The link holder
 * is the recipient (links go one to one); repeating it changes nothing, so the first date and channel stay.
 */
export async function optOutFromSend(ctx: AppContext, sendId: string): Promise<void> {
  const db = ctx.db.kysely
  const send = await findSentSend(db, sendId)
  if (!send?.external_userid) throw notFound('内容')
  if ((await findConsent(db, send.external_userid)).optedOut) return
  await insertConsent(db, {
    externalUserid: send.external_userid,
    optedOut: true,
    channel: 'content_page',
    staffUserid: null,
    at: ctx.now(),
  })
}
