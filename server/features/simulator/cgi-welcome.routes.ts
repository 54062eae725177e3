import { Router } from 'express'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/database.js'
import type { AppContext } from '../../lib/context.js'
import { assertMediaValid, MassAttachment } from './cgi-attachments.js'
import { cgi, E, parseInput, WecomError } from './cgi-kit.js'
import { randomId } from './sim-options.js'
import { insertChatMessage } from './sim-outbox.repository.js'

/** WeCom keeps a WelcomeCode for 20 s (facts §6), by the simulator's clock. */
export const WELCOME_CODE_TTL_MS = 20_000

const Body = z.object({
  welcome_code: z.string().min(1).max(256),
  text: z.object({ content: z.string().min(1).max(4000) }).optional(),
  attachments: z.array(MassAttachment).max(9).optional(),
})

// WeCom answers 41051 for a code that can no longer be used: the chat started, a welcome was sent, or it expired.
const codeUnusable = (why: string) => new WecomError(41051, `welcome_code unusable: ${why}`)

/** Issues the WelcomeCode an add event carries; it is usable once, within 20 s. */
export async function issueWelcomeCode(ctx: AppContext, userid: string, externalUserid: string): Promise<string> {
  const code = randomId('', 43)
  await ctx.db.kysely
    .insertInto('sim_welcome_codes')
    .values({
      code,
      userid,
      external_userid: externalUserid,
      issued_at: ctx.now().toISOString(),
      used_at: null,
      message: null,
    })
    .execute()
  return code
}

/** Uses the code: only the first caller inside the window wins (a guarded update, so two racing calls cannot). */
async function useCode(db: Kysely<Database>, code: string, now: Date, message: string) {
  const row = await db.selectFrom('sim_welcome_codes').selectAll().where('code', '=', code).executeTakeFirst()
  if (!row) throw E.invalidParam('welcome_code')
  if (row.used_at) throw codeUnusable('already used')
  if (now.getTime() - Date.parse(row.issued_at) > WELCOME_CODE_TTL_MS) throw codeUnusable('expired')
  const used = await db
    .updateTable('sim_welcome_codes')
    .set({ used_at: now.toISOString(), message })
    .where('code', '=', code)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) !== 1) throw codeUnusable('already used')
  return row
}

/** externalcontact/send_welcome_msg: the greeting lands in the customer's chat with the member. */
export function cgiWelcomeRoutes(ctx: AppContext): Router {
  const router = Router()
  router.post(
    '/externalcontact/send_welcome_msg',
    cgi(async (req) => {
      const body = parseInput(Body, req.body)
      const attachments = body.attachments ?? []
      if (!body.text && !attachments.length) throw E.invalidParam('text or attachments required')
      await assertMediaValid(ctx, attachments)
      const now = ctx.now()
      const message = { text: body.text }
      const row = await useCode(ctx.db.kysely, body.welcome_code, now, JSON.stringify({ ...message, attachments }))
      const chat = { userid: row.userid, conversationId: row.external_userid, sender: 'staff' as const, now }
      // Shown in the simulator's chat view in its sendChatMessage shapes (a link attachment as a news card).
      if (body.text)
        await insertChatMessage(ctx.db.kysely, { ...chat, msgtype: 'text', payload: { msgtype: 'text', ...message } })
      for (const a of attachments) {
        const payload =
          a.msgtype === 'link'
            ? {
                msgtype: 'news',
                news: { link: a.link.url, title: a.link.title, desc: a.link.desc ?? '', imgUrl: a.link.picurl ?? '' },
              }
            : a
        await insertChatMessage(ctx.db.kysely, { ...chat, msgtype: payload.msgtype, payload })
      }
      return {}
    }),
  )
  return router
}
