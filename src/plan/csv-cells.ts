/**
 * Spreadsheet formula injection, both ways.
 *
 * A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel,
 * LibreOffice and Google Sheets: a key result renamed `=cmd|' /C calc'!A0` would run on the PMO's
 * machine. Such text is written with a leading apostrophe, which spreadsheets treat as "this is text"
 * and hide. So that the mapping stays one-to-one, text that already starts with an apostrophe gets one
 * too, and reading a cell drops one leading apostrophe — as spreadsheets themselves do. Plain numbers
 * ("-5", "1250.5") are numbers, not formulas, and are left as they are.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The cell as written to a CSV file. */
export function neutraliseCell(cell: string): string {
  if (PLAIN_NUMBER.test(cell)) return cell;
  return FORMULA_START.test(cell) || cell.startsWith("'") ? `'${cell}` : cell;
}

/** The text a cell read from a CSV file stands for. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
