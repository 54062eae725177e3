import express, { Router, type Request } from 'express'
import type { AppContext } from '../../lib/context.js'
import { cgi, WecomError } from './cgi-kit.js'
import { insertMedia } from './sim-media.repository.js'

const MB = 1024 * 1024

/** WeCom's temporary-media rules per type: size ceiling and accepted formats (by file signature). */
const RULES: Record<string, { max: number; accepts: (b: Buffer) => boolean }> = {
  image: { max: 10 * MB, accepts: (b) => isJpeg(b) || isPng(b) },
  voice: { max: 2 * MB, accepts: (b) => b.subarray(0, 5).toString('latin1') === '#!AMR' },
  video: { max: 10 * MB, accepts: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  file: { max: 20 * MB, accepts: () => true },
}
const isJpeg = (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff
const isPng = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))

/** Reads the multipart `media` field with the platform's own form-data parser. */
async function readMediaField(req: Request): Promise<File> {
  const contentType = req.headers['content-type'] ?? ''
  if (!contentType.startsWith('multipart/form-data') || !Buffer.isBuffer(req.body))
    throw new WecomError(41005, 'media data missing')
  let form: FormData
  try {
    form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': contentType } }).formData()
  } catch {
    throw new WecomError(41005, 'media data missing')
  }
  const media = form.get('media')
  if (!media || typeof media === 'string') throw new WecomError(41005, 'media data missing')
  return media
}

async function storeUpload(ctx: AppContext, req: Request, type: string): Promise<Record<string, unknown>> {
  const rule = RULES[type]
  if (!rule) throw new WecomError(40004, 'invalid media type')
  const file = await readMediaField(req)
  const bytes = Buffer.from(await file.arrayBuffer())
  if (bytes.length === 0) throw new WecomError(44001, 'empty media data')
  if (bytes.length <= 5 || bytes.length > rule.max) throw new WecomError(40006, 'invalid file size')
  if (!rule.accepts(bytes)) throw new WecomError(40005, 'invalid file type')
  const stored = await insertMedia(ctx, {
    type,
    filename: file.name || 'media',
    contentType: file.type || 'application/octet-stream',
    bytes,
  })
  return { type, media_id: stored.mediaId, created_at: String(stored.createdAt) }
}

/** media/upload and media/upload_attachment (moments accept only images and video). */
export function cgiMediaRoutes(ctx: AppContext): Router {
  const router = Router()
  const raw = express.raw({ type: 'multipart/form-data', limit: 21 * MB })

  router.post(
    '/media/upload',
    raw,
    cgi(async (req) => storeUpload(ctx, req, String(req.query.type ?? ''))),
  )

  router.post(
    '/media/upload_attachment',
    raw,
    cgi(async (req) => {
      const mediaType = String(req.query.media_type ?? '')
      const attachmentType = String(req.query.attachment_type ?? '')
      if (!['1', '2'].includes(attachmentType)) throw new WecomError(40058, 'invalid parameter: attachment_type')
      if (attachmentType === '1' && mediaType === 'file') throw new WecomError(40004, 'invalid media type')
      return storeUpload(ctx, req, mediaType)
    }),
  )

  return router
}
