import { z } from 'zod'

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, '须为 http(s) 链接')
const media = z.strictObject({ mediaid: z.string().min(1) })

/**
 * `sendChatMessage` payloads exactly as WeCom accepts them (facts §1.6): strict keys, so a
 * misspelt `mediaId` or `imgurl` fails here as it would in the client.
 */
export const ChatMessage = z.discriminatedUnion('msgtype', [
  z.strictObject({
    msgtype: z.literal('text'),
    text: z.strictObject({ content: z.string().min(1).max(4000) }),
    enterChat: z.boolean().optional(),
  }),
  z.strictObject({ msgtype: z.literal('image'), image: media, enterChat: z.boolean().optional() }),
  z.strictObject({ msgtype: z.literal('video'), video: media, enterChat: z.boolean().optional() }),
  z.strictObject({ msgtype: z.literal('file'), file: media, enterChat: z.boolean().optional() }),
  z.strictObject({
    msgtype: z.literal('news'),
    news: z.strictObject({
      link: httpUrl,
      title: z.string().min(1).max(128),
      desc: z.string().max(512),
      imgUrl: httpUrl,
    }),
    enterChat: z.boolean().optional(),
  }),
  z.strictObject({
    msgtype: z.literal('miniprogram'),
    miniprogram: z.strictObject({
      appid: z.string().min(1),
      title: z.string().min(1).max(64),
      imgUrl: httpUrl,
      page: z.string().regex(/\.html(\?.*)?$/, 'page 须以 .html 结尾'),
    }),
    enterChat: z.boolean().optional(),
  }),
])
export type ChatMessage = z.infer<typeof ChatMessage>

/** The id inside a media message, if any. */
export function mediaIdOf(m: ChatMessage): string | undefined {
  if (m.msgtype === 'image') return m.image.mediaid
  if (m.msgtype === 'video') return m.video.mediaid
  if (m.msgtype === 'file') return m.file.mediaid
  return undefined
}
