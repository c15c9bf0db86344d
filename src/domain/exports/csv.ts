import type { Cell } from './columns'

/** The byte-order mark that makes Excel read a CSV file as UTF-8 (and show Chinese as Chinese). */
export const utf8Bom = '\uFEFF'

/**
 * Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or carriage return before
 * one), prefixed with an apostrophe so that it is shown as typed and never run: OWASP's guard against CSV
 * injection. Numbers are written as numbers and need none.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** One CSV cell: guarded, and quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvCell(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = guardFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Lines of a CSV file, each ending with CRLF (RFC 4180). */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')
}

/** A whole CSV file: the BOM, the header line, the rows. */
export function csvFile(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return utf8Bom + csvLines([headers, ...rows])
}
