import { z } from 'zod'
import type { AppContext } from '../../lib/context.js'
import { WecomError } from './cgi-kit.js'
import { validMediaType } from './sim-media.repository.js'

const mediaId = z.string().min(1).max(256)

/** Attachments of add_msg_template (image by media_id or pic_url, link, miniprogram, video, file). */
export const MassAttachment = z.discriminatedUnion('msgtype', [
  z.object({
    msgtype: z.literal('image'),
    image: z
      .object({ media_id: mediaId.optional(), pic_url: z.url().optional() })
      .refine((i) => i.media_id || i.pic_url, 'media_id or pic_url'),
  }),
  z.object({
    msgtype: z.literal('link'),
    link: z.object({
      title: z.string().min(1).max(128),
      picurl: z.string().optional(),
      desc: z.string().max(512).optional(),
      url: z.string().min(1).max(2048),
    }),
  }),
  z.object({
    msgtype: z.literal('miniprogram'),
    miniprogram: z.object({
      title: z.string().min(1).max(64),
      pic_media_id: mediaId,
      appid: z.string().min(1),
      page: z.string().min(1),
    }),
  }),
  z.object({ msgtype: z.literal('video'), video: z.object({ media_id: mediaId }) }),
  z.object({ msgtype: z.literal('file'), file: z.object({ media_id: mediaId }) }),
])

/** Attachments of add_moment_task: media from upload_attachment. */
export const MomentAttachment = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('image'), image: z.object({ media_id: mediaId }) }),
  z.object({ msgtype: z.literal('video'), video: z.object({ media_id: mediaId }) }),
  z.object({
    msgtype: z.literal('link'),
    link: z.object({ title: z.string().max(64).optional(), url: z.string().min(1).max(2048), media_id: mediaId }),
  }),
])

/** Every media_id an attachment refers to. */
function mediaIdsOf(a: Record<string, unknown>): string[] {
  const inner = a[a.msgtype as string] as Record<string, unknown> | undefined
  return ['media_id', 'pic_media_id'].flatMap((k) => (typeof inner?.[k] === 'string' ? [inner[k] as string] : []))
}

/** 40007 when an attachment names a media_id that does not exist or has expired. */
export async function assertMediaValid(ctx: AppContext, attachments: Record<string, unknown>[]): Promise<void> {
  for (const a of attachments) {
    for (const id of mediaIdsOf(a)) {
      if (!(await validMediaType(ctx, id))) throw new WecomError(40007, `invalid media_id: ${id}`)
    }
  }
}
