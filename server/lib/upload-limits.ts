import { AppError } from './errors.js'

/** Bounds for every uploaded spreadsheet; docs/security.md lists them with their tests. */
export const UPLOAD_LIMITS = {
  /** Entries in one .xlsx (a workbook has a dozen; thousands only serve to exhaust memory). */
  maxEntries: 1000,
  /** Uncompressed bytes of one worksheet part. */
  maxEntryBytes: 256 * 1024 * 1024,
  /** Shared strings and styles are cached whole by the reader, so they get a tighter bound. */
  maxCachedPartBytes: 32 * 1024 * 1024,
  /** Uncompressed bytes of all parts together. */
  maxTotalBytes: 512 * 1024 * 1024,
  /** Uncompressed ÷ compressed per part; real sheets stay under 30. Only judged past 1 MB. */
  maxRatio: 100,
  ratioFromBytes: 1024 * 1024,
  /** Longest run of bytes between XML delimiters: bounds any one string the XML parser accumulates. */
  maxXmlTokenBytes: 256 * 1024,
  /** Data rows of one table. */
  maxRows: 1_000_000,
  /** Columns of one row. */
  maxColumns: 200,
  /** Cells of one file (rows × columns as read). */
  maxCells: 20_000_000,
  /** Characters of one cell (Excel's own limit). */
  maxCellChars: 32_767,
  /** Imports parsing at once in one API instance. */
  maxConcurrentImports: 2,
} as const

export type UploadLimitCode =
  | 'UPLOAD_TOO_MANY_ENTRIES'
  | 'UPLOAD_ENTRY_TOO_LARGE'
  | 'UPLOAD_TOTAL_TOO_LARGE'
  | 'UPLOAD_RATIO_TOO_HIGH'
  | 'UPLOAD_NESTED_ARCHIVE'
  | 'UPLOAD_STRING_TOO_LONG'
  | 'UPLOAD_TOO_MANY_ROWS'
  | 'UPLOAD_TOO_MANY_COLUMNS'
  | 'UPLOAD_TOO_MANY_CELLS'

/** A file the reader could not make sense of as a whole (bad CSV quoting, not a workbook, …). */
export class UnreadableFileError extends Error {}

/** A limit crossed while reading an upload: 413 for size, 422 for shape; the message names the limit. */
export class UploadLimitError extends AppError {
  constructor(code: UploadLimitCode, status: 413 | 422, message: string) {
    super(code, status, message)
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

export const limitErrors = {
  entries: (name: string) =>
    new UploadLimitError(
      'UPLOAD_TOO_MANY_ENTRIES',
      422,
      `${name}：压缩包内文件超过 ${UPLOAD_LIMITS.maxEntries} 个，不是正常的 Excel 文件`,
    ),
  entry: (name: string, part: string, limit: number) =>
    new UploadLimitError(
      'UPLOAD_ENTRY_TOO_LARGE',
      413,
      `${name}：内部文件 ${part.slice(0, 60)} 解压后超过 ${mb(limit)}，请拆分后上传或用命令行导入`,
    ),
  total: (name: string) =>
    new UploadLimitError(
      'UPLOAD_TOTAL_TOO_LARGE',
      413,
      `${name}：解压后总大小超过 ${mb(UPLOAD_LIMITS.maxTotalBytes)}，请拆分后上传或用命令行导入`,
    ),
  ratio: (name: string, part: string) =>
    new UploadLimitError(
      'UPLOAD_RATIO_TOO_HIGH',
      413,
      `${name}：内部文件 ${part.slice(0, 60)} 压缩比超过 ${UPLOAD_LIMITS.maxRatio} 倍，疑似压缩炸弹，已拒绝`,
    ),
  nested: (name: string, part: string) =>
    new UploadLimitError('UPLOAD_NESTED_ARCHIVE', 422, `${name}：内含嵌套压缩包 ${part.slice(0, 60)}，已拒绝`),
  string: (name: string) =>
    new UploadLimitError('UPLOAD_STRING_TOO_LONG', 422, `${name}：单元格文字超过 ${UPLOAD_LIMITS.maxCellChars} 个字符`),
  rows: (name: string) =>
    new UploadLimitError('UPLOAD_TOO_MANY_ROWS', 413, `${name}：超过 ${UPLOAD_LIMITS.maxRows} 行，请拆分后上传`),
  columns: (name: string) =>
    new UploadLimitError('UPLOAD_TOO_MANY_COLUMNS', 422, `${name}：一行超过 ${UPLOAD_LIMITS.maxColumns} 列`),
  cells: (name: string) =>
    new UploadLimitError(
      'UPLOAD_TOO_MANY_CELLS',
      413,
      `${name}：单元格总数超过 ${UPLOAD_LIMITS.maxCells}，请拆分后上传`,
    ),
  archive: (name: string, why: string) =>
    new UnreadableFileError(`${name}：不是有效的 .xlsx 文件，或文件被截断（${why}）`),
}
