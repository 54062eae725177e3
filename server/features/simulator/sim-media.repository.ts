import type { AppContext } from '../../lib/context.js'
import { epochSeconds, randomId } from './sim-options.js'

/** Temporary media live 3 days in WeCom. */
export const MEDIA_TTL_SECONDS = 3 * 86_400

export interface StoredMedia {
  type: string
  filename: string
  contentType: string
  bytes: Buffer
}

/** Stores an upload; images keep their bytes so the desktop page can show them in the chat. */
export async function insertMedia(ctx: AppContext, m: StoredMedia): Promise<{ mediaId: string; createdAt: number }> {
  const createdAt = epochSeconds(ctx.now())
  const mediaId = randomId('3', 60)
  await ctx.db.kysely
    .insertInto('sim_media')
    .values({
      media_id: mediaId,
      type: m.type,
      filename: m.filename,
      content_type: m.contentType,
      size: m.bytes.length,
      created_at: createdAt,
      expires_at: createdAt + MEDIA_TTL_SECONDS,
      data: m.type === 'image' ? m.bytes.toString('base64') : null,
    })
    .execute()
  return { mediaId, createdAt }
}

/** The media's type when it exists and has not expired. */
export async function validMediaType(ctx: AppContext, mediaId: string): Promise<string | undefined> {
  const row = await ctx.db.kysely
    .selectFrom('sim_media')
    .select(['type', 'expires_at'])
    .where('media_id', '=', mediaId)
    .executeTakeFirst()
  return row && Number(row.expires_at) > epochSeconds(ctx.now()) ? row.type : undefined
}

export async function mediaImage(
  ctx: AppContext,
  mediaId: string,
): Promise<{ contentType: string; bytes: Buffer } | undefined> {
  const row = await ctx.db.kysely
    .selectFrom('sim_media')
    .select(['content_type', 'data'])
    .where('media_id', '=', mediaId)
    .executeTakeFirst()
  return row?.data ? { contentType: row.content_type, bytes: Buffer.from(row.data, 'base64') } : undefined
}
