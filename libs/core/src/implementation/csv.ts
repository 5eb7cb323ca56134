/**
 * RFC 4180 CSV (comma-separated, CRLF line ends), safe to open in a spreadsheet.
 *
 * Every data cell is quoted, so no separator inside a cell (`,`, or the `;` that spreadsheets
 * use as the list separator in ru and kk locales) splits it. A cell is never read as a formula:
 * one that starts with `=`, `+`, `-`, `@` (or their full-width forms `＝＋－＠`), alone or after
 * leading whitespace, or with a tab or a carriage return, is prefixed with `'`; so is each piece
 * after a `;` that would start like that, in case a `;`-splitting reader cuts the cell there.
 */
const FORMULA = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20';
/** A cell (or a piece after `;`) that a spreadsheet would take for a formula. `\s` covers tab, CR, LF and the other spaces. */
const FORMULA_START = new RegExp(`^(?:[\\t\\r]|\\s*[${FORMULA}])`, 'u');
/** A `;` followed by what would start a formula once a reader splits there (quotes are dropped by such readers). */
const FORMULA_AFTER_SEMICOLON = new RegExp(`;(?=[\\s"]*[${FORMULA}]|[\\t\\r])`, 'gu');

/** The text of a cell as a spreadsheet may safely show it: `'` before anything that would start a formula. */
export function csvSafeText(text: string): string {
  const guarded = text.replace(FORMULA_AFTER_SEMICOLON, ";'");
  return FORMULA_START.test(guarded) ? `'${guarded}` : guarded;
}

/** One data cell: always quoted, `"` doubled, formula-guarded; null and undefined are empty. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return `"${csvSafeText(text).replace(/"/g, '""')}"`;
}

/**
 * The header row is written as given: its names are plain identifiers (nothing to quote or
 * guard), and clients compare the row with the contract's text.
 */
export function csv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  if (!header.every((h) => /^[A-Za-z][A-Za-z0-9_]*$/.test(h))) throw new Error('a CSV header name must be a plain identifier');
  return [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}
