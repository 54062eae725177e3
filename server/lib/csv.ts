/** CSV writing (RFC 4180) for exports; reading goes through csv-parse. */
const needsQuotes = /[",\r\n]/
// A cell starting with = + - @ is a formula to Excel; a leading apostrophe keeps it text (CSV injection).
const formulaStart = /^[=+\-@\t]/

function cellText(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value
  return needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** CSV with a BOM and CRLF line ends, so Excel opens Chinese text correctly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\ufeff' + rows.map((r) => r.map(cellText).join(',')).join('\r\n') + '\r\n'
}
