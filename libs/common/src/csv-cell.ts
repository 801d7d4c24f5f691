/**
 * A CSV cell safe to open in a spreadsheet (API v1.1 "Exports are safe to open"): text starting
 * with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so it is never run as a formula.
 */
export function formulaSafe(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
