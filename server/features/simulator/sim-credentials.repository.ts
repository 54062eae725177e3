import type { AppContext } from '../../lib/context.js'
import { epochSeconds, randomId } from './sim-options.js'
import type { SimCredentialKind } from './simulator.table.js'

/** Expired credentials are kept this long so a late caller still gets 42001 rather than 40014. */
const KEEP_EXPIRED_SECONDS = 86_400

/** The credential of this kind that is still valid, or a fresh one; WeCom hands out the same value until it expires. */
export async function currentOrNewCredential(
  ctx: AppContext,
  kind: SimCredentialKind,
  ttlSeconds: number,
): Promise<{ value: string; expiresIn: number }> {
  const now = epochSeconds(ctx.now())
  const db = ctx.db.kysely
  const current = await db
    .selectFrom('sim_credentials')
    .select(['value', 'expires_at'])
    .where('kind', '=', kind)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst()
  if (current) return { value: current.value, expiresIn: Number(current.expires_at) - now }
  await db
    .deleteFrom('sim_credentials')
    .where('expires_at', '<', now - KEEP_EXPIRED_SECONDS)
    .execute()
  const value = randomId(kind === 'access_token' ? 'simtok_' : 'simtkt_', kind === 'access_token' ? 64 : 48)
  await db
    .insertInto('sim_credentials')
    .values({ value, kind, created_at: now, expires_at: now + ttlSeconds })
    .execute()
  return { value, expiresIn: ttlSeconds }
}

/** Looks a presented credential up: valid, expired (42001) or unknown (40014). */
export async function findValidCredential(
  ctx: AppContext,
  kind: SimCredentialKind,
  value: string,
): Promise<'valid' | 'expired' | 'unknown'> {
  const row = await ctx.db.kysely
    .selectFrom('sim_credentials')
    .select('expires_at')
    .where('kind', '=', kind)
    .where('value', '=', value)
    .executeTakeFirst()
  if (!row) return 'unknown'
  return Number(row.expires_at) > epochSeconds(ctx.now()) ? 'valid' : 'expired'
}

/** All tickets of a kind that are still valid (normally one): a page signed just before renewal still verifies. */
export async function validTickets(ctx: AppContext, kind: 'jsapi_ticket' | 'agent_ticket'): Promise<string[]> {
  const rows = await ctx.db.kysely
    .selectFrom('sim_credentials')
    .select('value')
    .where('kind', '=', kind)
    .where('expires_at', '>', epochSeconds(ctx.now()))
    .execute()
  return rows.map((r) => r.value)
}

/** Mints a one-time OAuth code for a staff member or for a simulated WeChat person. */
export async function mintOauthCode(
  ctx: AppContext,
  who: { userid: string } | { externalUserid: string },
): Promise<string> {
  const code = randomId('', 64)
  await ctx.db.kysely
    .insertInto('sim_oauth_codes')
    .values({
      code,
      userid: 'userid' in who ? who.userid : null,
      person_external_userid: 'externalUserid' in who ? who.externalUserid : null,
      created_at: epochSeconds(ctx.now()),
      used_at: null,
    })
    .execute()
  return code
}

/** Spends a code: undefined when unknown, already used or older than the TTL (WeCom's 40029 in all cases). */
export async function consumeOauthCode(
  ctx: AppContext,
  code: string,
  ttlSeconds: number,
): Promise<{ userid: string | null; personExternalUserid: string | null } | undefined> {
  const now = epochSeconds(ctx.now())
  // The conditional update is the single-use guard: of two concurrent exchanges only one updates a row.
  const spent = await ctx.db.kysely
    .updateTable('sim_oauth_codes')
    .set({ used_at: now })
    .where('code', '=', code)
    .where('used_at', 'is', null)
    .where('created_at', '>', now - ttlSeconds)
    .executeTakeFirst()
  if (Number(spent.numUpdatedRows) !== 1) return undefined
  const row = await ctx.db.kysely
    .selectFrom('sim_oauth_codes')
    .select(['userid', 'person_external_userid'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow()
  return { userid: row.userid, personExternalUserid: row.person_external_userid }
}

/**
 * Ends the valid credentials of a kind as WeCom may at any time: `expire` makes the next use answer 42001,
 * `revoke` forgets them (40014 for a token; a page signed with a forgotten ticket fails verification).
 */
export async function endCredentials(
  ctx: AppContext,
  kind: SimCredentialKind,
  how: 'expire' | 'revoke',
): Promise<number> {
  const now = epochSeconds(ctx.now())
  const db = ctx.db.kysely
  const r =
    how === 'revoke'
      ? await db.deleteFrom('sim_credentials').where('kind', '=', kind).where('expires_at', '>', now).executeTakeFirst()
      : await db
          .updateTable('sim_credentials')
          .set({ expires_at: now })
          .where('kind', '=', kind)
          .where('expires_at', '>', now)
          .executeTakeFirst()
  return Number('numDeletedRows' in r ? r.numDeletedRows : r.numUpdatedRows)
}
