import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Request } from 'express'
import { AppError } from './errors.js'

/** Uploads through the console; bigger files go through `npm run import`. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

const tooLarge = () =>
  new AppError('FILE_TOO_LARGE', 413, `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请用命令行导入（npm run import）`)

/**
 * Streams the raw request body (the file itself, not multipart) into a private temp file, so the
 * import reads it like any other file with flat memory. The caller removes the folder.
 */
export async function receiveUpload(req: Request): Promise<{ dir: string; file: string }> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) throw tooLarge()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'advisor-upload-'))
  const file = path.join(dir, 'upload')
  let size = 0
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length
      cb(size > MAX_UPLOAD_BYTES ? tooLarge() : null, chunk)
    },
  })
  try {
    await pipeline(req, limit, fs.createWriteStream(file, { mode: 0o600 }))
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw err instanceof AppError ? err : new AppError('UPLOAD_FAILED', 400, '文件上传中断，请重试')
  }
  if (size === 0) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw new AppError('EMPTY_FILE', 400, '上传的文件为空')
  }
  return { dir, file }
}
