import zlib from 'node:zlib'

/** One part of a hand-built zip: its bytes already deflated, and the sizes the headers claim. */
export interface ZipPart {
  name: string
  deflated: Buffer
  /** What the headers claim; a bomb may lie. */
  declaredSize: number
}

/** A part whose inflated text is `head` + `unit` × `times` + `tail`, built without holding it inflated. */
export function repeatedPart(
  name: string,
  head: string,
  unit: string,
  times: number,
  tail: string,
  declaredSize?: number,
): ZipPart {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH }
  const perPiece = Math.max(1, Math.floor((1024 * 1024) / unit.length))
  // Full-flushed deflate pieces are independent, so one piece repeated is a valid stream of many.
  const piece = zlib.deflateRawSync(unit.repeat(perPiece), flush)
  const pieces = Math.floor(times / perPiece)
  const rest = unit.repeat(times - pieces * perPiece) + tail
  const deflated = Buffer.concat([
    zlib.deflateRawSync(head, flush),
    ...Array.from({ length: pieces }, () => piece),
    zlib.deflateRawSync(rest),
  ])
  const size = Buffer.byteLength(head) + Buffer.byteLength(unit) * times + Buffer.byteLength(tail)
  return { name, deflated, declaredSize: declaredSize ?? size }
}

export const plainPart = (name: string, text: string | Buffer): ZipPart => {
  const data = Buffer.from(text)
  return { name, deflated: zlib.deflateRawSync(data), declaredSize: data.length }
}

/** A zip (deflate, no data descriptors) of the given parts. CRCs are zero: the guard never gets that far. */
export function buildZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const name = Buffer.from(p.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(p.deflated.length, 18)
    local.writeUInt32LE(p.declaredSize, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, p.deflated)
    const cd = Buffer.alloc(46)
    cd.writeUInt32LE(0x02014b50, 0)
    cd.writeUInt16LE(20, 4)
    cd.writeUInt16LE(20, 6)
    cd.writeUInt16LE(8, 10)
    cd.writeUInt32LE(p.deflated.length, 20)
    cd.writeUInt32LE(p.declaredSize, 24)
    cd.writeUInt16LE(name.length, 28)
    cd.writeUInt32LE(offset, 42)
    central.push(cd, name)
    offset += 30 + name.length + p.deflated.length
  }
  const cdBuf = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(cdBuf.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cdBuf, end])
}

const MB = 1024 * 1024

/** The probe's bombs: each inflates to hundreds of MB from well under 1 MB. */
export const BOMBS = {
  /** One shared string of 400 MB, sizes declared honestly small so only counting while inflating catches it. */
  sharedString: () =>
    buildZip([
      plainPart('[Content_Types].xml', '<Types/>'),
      repeatedPart('xl/sharedStrings.xml', '<sst><si><t>', 'a', 400 * MB, '</t></si></sst>', 1 * MB),
    ]),
  /** Eight million rows in a sheet, declared as 1 MB. */
  rows: () =>
    buildZip([
      plainPart('[Content_Types].xml', '<Types/>'),
      repeatedPart(
        'xl/worksheets/sheet1.xml',
        '<worksheet><sheetData>',
        '<row><c><v>1</v></c></row>',
        8_000_000,
        '</sheetData></worksheet>',
        MB,
      ),
    ]),
  /** A workbook carrying another bomb inside it. */
  nested: () =>
    buildZip([
      plainPart('[Content_Types].xml', '<Types/>'),
      { ...plainPart('xl/embeddings/inner.bin', BOMBS.sharedString()) },
    ]),
  /** Honest headers, high ratio: 300 MB of rows declared as such. */
  ratio: () =>
    buildZip([
      repeatedPart(
        'xl/worksheets/sheet1.xml',
        '<worksheet><sheetData>',
        '<row><c><v>1</v></c></row>',
        10_000_000,
        '</sheetData></worksheet>',
        200 * MB,
      ),
    ]),
}
