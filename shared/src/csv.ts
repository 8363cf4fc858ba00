/**
 * CSV fields for every export (the office's day and survey reports, central's): quoted when
 * needed; a leading = + - @ in text is defused so a spreadsheet never runs it as a formula.
 */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line of fields. */
export function csvLine(fields: readonly (string | number | null)[]): string {
  return fields.map(csvField).join(',');
}
