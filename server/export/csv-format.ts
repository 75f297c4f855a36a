/**
 * CSV cells and rows (RFC 4180), safe to open in a spreadsheet. A cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return would be read as a formula by Excel, LibreOffice and Google
 * Sheets ("CSV injection": a scraped title such as `=HYPERLINK(...)` becomes a live link), so such
 * a cell is prefixed with `'`, which spreadsheets show as text. Numbers are written by us and
 * never start with those characters except negatives, which statistics here never produce.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
