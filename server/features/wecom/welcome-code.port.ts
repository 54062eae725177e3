import type { AppContext } from '../../lib/context.js'
import type { InnerMessage } from './callback-xml.js'
import type { WecomClient } from './wecom-client.js'

/** A WelcomeCode from an add callback (facts §4.6): usable for 20 s from `issuedAt`, once. */
export interface WelcomeCodeEvent {
  welcomeCode: string
  staffUserid: string
  externalUserid: string
  issuedAt: Date
}

export type WelcomeCodeHandler = (ctx: AppContext, client: WecomClient, event: WelcomeCodeEvent) => Promise<void>

const handlers = new WeakMap<AppContext, WelcomeCodeHandler>()

/** Chosen in app.ts: who answers WelcomeCodes (the welcome feature), so wecom does not depend on it. */
export function answerWelcomeCodesWith(ctx: AppContext, handler: WelcomeCodeHandler): void {
  handlers.set(ctx, handler)
}

const ADDS = new Set(['add_external_contact', 'add_half_external_contact'])

/**
 * Hands an add event's WelcomeCode to the handler before the relation lookup, so the greeting goes out within
 * the code's 20 s. Whatever the handler throws is logged and swallowed: a greeting never holds up the relation.
 */
export async function offerWelcomeCode(ctx: AppContext, client: WecomClient, m: InnerMessage): Promise<void> {
  const handler = handlers.get(ctx)
  if (!handler || !m.WelcomeCode || !m.ChangeType || !ADDS.has(m.ChangeType) || !m.UserID || !m.ExternalUserID) return
  try {
    await handler(ctx, client, {
      welcomeCode: m.WelcomeCode,
      staffUserid: m.UserID,
      externalUserid: m.ExternalUserID,
      issuedAt: new Date(Number(m.CreateTime) * 1000),
    })
  } catch (err) {
    ctx.logger.warn({ errName: err instanceof Error ? err.name : 'unknown' }, 'welcome message not answered')
  }
}
