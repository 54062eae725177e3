import fs from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { limitErrors, UnreadableFileError, UPLOAD_LIMITS as L, UploadLimitError } from './upload-limits.js'

interface Entry {
  name: string
  flags: number
  method: number
  compressed: number
  declared: number
  offset: number
}

const NESTED = /\.(zip|xlsx|xlsm|xlsb|xls|jar|gz|7z|rar|docx|pptx)$/i
const ZIP_MAGIC = 0x04034b50

/**
 * Inflates every part of an .xlsx once, counting as it goes, before the workbook reader sees it:
 * the reader (ExcelJS over unzipper) has no bounds of its own, so a 400 KB file could become a
 * 400 MB string. Stops at the first crossed limit, so a bomb costs at most one limit's worth of CPU.
 */
export async function guardXlsx(filePath: string, name: string): Promise<void> {
  const stat = await fs.stat(filePath)
  const key = `${filePath}|${stat.size}|${stat.mtimeMs}`
  // An import reads each file twice (a header peek, then the rows): inflate-check it once.
  if (passed.includes(key)) return
  const handle = await fs.open(filePath, 'r')
  let entries: Entry[]
  try {
    entries = await readDirectory(handle, name)
  } finally {
    await handle.close()
  }
  let total = 0
  for (const e of entries) {
    if (NESTED.test(e.name)) throw limitErrors.nested(name, e.name)
    const limit = partLimit(e.name)
    if (e.declared > limit) throw limitErrors.entry(name, e.name, limit)
    total += e.declared
    if (total > L.maxTotalBytes) throw limitErrors.total(name)
  }
  total = 0
  for (const e of entries) total = await inflateCounted(filePath, name, e, total)
  passed.push(key)
  if (passed.length > 32) passed.shift()
}

const passed: string[] = []

const partLimit = (part: string) =>
  /^xl\/worksheets\/[^/]+\.xml$/i.test(part) ? L.maxEntryBytes : L.maxCachedPartBytes

/**
 * Reads the central directory and checks that its entries tile the file exactly, as the local
 * headers a streaming reader walks: no bytes hidden between parts that the directory does not list.
 */
async function readDirectory(handle: fs.FileHandle, name: string): Promise<Entry[]> {
  const { size } = await handle.stat()
  const tailLen = Math.min(size, 22 + 65535)
  const tail = Buffer.alloc(tailLen)
  await handle.read(tail, 0, tailLen, size - tailLen)
  let eocd = -1
  for (let i = tailLen - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  if (eocd < 0) throw limitErrors.archive(name, '找不到目录')
  const count = tail.readUInt16LE(eocd + 10)
  const cdSize = tail.readUInt32LE(eocd + 12)
  const cdOffset = tail.readUInt32LE(eocd + 16)
  if (count === 0xffff || cdOffset === 0xffffffff) throw limitErrors.archive(name, '不支持 ZIP64')
  if (count > L.maxEntries) throw limitErrors.entries(name)
  if (cdOffset + cdSize > size || cdSize > count * (46 + 3 * 65535)) throw limitErrors.archive(name, '目录损坏')
  const cd = Buffer.alloc(cdSize)
  await handle.read(cd, 0, cdSize, cdOffset)
  const entries: Entry[] = []
  for (let p = 0; entries.length < count;) {
    if (p + 46 > cdSize || cd.readUInt32LE(p) !== 0x02014b50) throw limitErrors.archive(name, '目录损坏')
    const nameLen = cd.readUInt16LE(p + 28)
    entries.push({
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressed: cd.readUInt32LE(p + 20),
      declared: cd.readUInt32LE(p + 24),
      offset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
    })
    p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32)
  }
  entries.sort((a, b) => a.offset - b.offset)
  let expected = 0
  const head = Buffer.alloc(30)
  for (const e of entries) {
    if (e.offset !== expected) throw limitErrors.archive(name, '目录与内容不一致')
    await handle.read(head, 0, 30, e.offset)
    if (head.readUInt32LE(0) !== ZIP_MAGIC || head.readUInt16LE(8) !== e.method)
      throw limitErrors.archive(name, '目录与内容不一致')
    const dataStart = e.offset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28)
    let end = dataStart + e.compressed
    if (e.flags & 8) {
      const sig = Buffer.alloc(4)
      await handle.read(sig, 0, 4, end)
      end += sig.readUInt32LE(0) === 0x08074b50 ? 16 : 12
    }
    Object.assign(e, { offset: dataStart })
    expected = end
  }
  if (expected !== cdOffset) throw limitErrors.archive(name, '目录与内容不一致')
  return entries
}

/**
 * Bytes since the last XML delimiter after `chunk`, or more than the limit if a run inside it crossed
 * it: the text node or attribute the XML parser would hold whole. Native searches, no byte loop.
 */
function xmlRun(chunk: Buffer, before: number): number {
  const first = Math.min(...[chunk.indexOf(0x3c), chunk.indexOf(0x3e)].map((i) => (i < 0 ? chunk.length : i)))
  if (first === chunk.length) return before + chunk.length
  if (before + first > L.maxXmlTokenBytes) return before + first
  if (chunk.length > L.maxXmlTokenBytes)
    for (let i = first, last = first; i < chunk.length; i++)
      if (chunk[i] === 0x3c || chunk[i] === 0x3e) {
        if (i - last - 1 > L.maxXmlTokenBytes) return i - last - 1
        last = i
      }
  return chunk.length - 1 - Math.max(chunk.lastIndexOf(0x3c), chunk.lastIndexOf(0x3e))
}

/** Inflates one part into a counter; returns the running total. Rejects mid-stream on any limit. */
async function inflateCounted(filePath: string, name: string, e: Entry, totalBefore: number): Promise<number> {
  if (e.method !== 0 && e.method !== 8) throw limitErrors.archive(name, `不支持的压缩方式 ${e.method}`)
  if (e.compressed === 0) return totalBefore
  const limit = partLimit(e.name)
  const isXml = /\.(xml|rels)$/i.test(e.name)
  let bytes = 0
  let run = 0
  let total = totalBefore
  const counter = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (bytes === 0 && chunk.length >= 4 && chunk.readUInt32LE(0) === ZIP_MAGIC)
        return cb(limitErrors.nested(name, e.name))
      bytes += chunk.length
      total += chunk.length
      if (bytes > limit || bytes > e.declared) return cb(limitErrors.entry(name, e.name, Math.min(limit, e.declared)))
      if (total > L.maxTotalBytes) return cb(limitErrors.total(name))
      if (bytes > L.ratioFromBytes && bytes / e.compressed > L.maxRatio) return cb(limitErrors.ratio(name, e.name))
      if (isXml && (run = xmlRun(chunk, run)) > L.maxXmlTokenBytes) return cb(limitErrors.string(name))
      cb()
    },
  })
  const source = createReadStream(filePath, { start: e.offset, end: e.offset + e.compressed - 1 })
  try {
    if (e.method === 8) await pipeline(source, zlib.createInflateRaw(), counter)
    else await pipeline(source, counter)
  } catch (err) {
    if (err instanceof UploadLimitError || err instanceof UnreadableFileError) throw err
    throw limitErrors.archive(name, '内部文件损坏')
  }
  return total
}
