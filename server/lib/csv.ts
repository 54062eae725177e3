/** CSV writing (RFC 4180) for exports; reading goes through csv-parse. */
const needsQuotes = /[",\r\n]/
// A cell starting with = + - @ (or a tab/CR before one) is a formula to Excel and LibreOffice (CSV injection).
const formulaStart = /^[=+\-@\t\r＝＋－＠]/

/**
 * The one guard every CSV and XLSX export passes text cells through: a leading apostrophe keeps a
 * would-be formula as text. Uploaded file names, CRM rows and authored text all reach exports.
 */
export function spreadsheetSafe(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value
}

function cellText(value: string): string {
  const safe = spreadsheetSafe(value)
  return needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One CSV line (CRLF), each cell guarded and quoted as needed. */
export const csvRow = (values: readonly string[]): string => `${values.map(cellText).join(',')}\r\n`

/** CSV with a BOM and CRLF line ends, so Excel opens Chinese text correctly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\ufeff' + rows.map((r) => r.map(cellText).join(',')).join('\r\n') + '\r\n'
}

/** An XLSX row's values with every text cell guarded like CSV; numbers and dates stay as they are. */
export const xlsxSafeRow = <T>(values: readonly T[]): (T | string)[] =>
  values.map((v) => (typeof v === 'string' ? spreadsheetSafe(v) : v))
