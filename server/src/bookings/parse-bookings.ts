import {
  BOOKING_FIELDS,
  bookingRowSchema,
  checkNik,
  type BookingRow,
  type ImportLineError,
} from '@giliran/shared';

export type { ImportLineError };

export type ParseResult = { ok: true; rows: BookingRow[] } | { ok: false; errors: ImportLineError[] };

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Decodes bytes as UTF-8 strictly (a file in another encoding is rejected, not garbled). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Parses an M-Paspor export (CSV or JSON, detected by content). All rows valid, or every error. */
export function parseBookingsFile(bytes: Uint8Array): ParseResult {
  if (bytes.length > MAX_IMPORT_BYTES)
    return fail(1, `file larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  const text = decodeUtf8(bytes);
  if (text === null) return fail(1, 'not UTF-8 text (save the export as UTF-8 CSV or JSON)');
  const trimmed = text.trimStart();
  if (trimmed === '') return fail(1, 'the file is empty');
  const records = trimmed.startsWith('[') || trimmed.startsWith('{') ? jsonRecords(text) : csvRecords(text);
  if (!records.ok) return records;
  return validate(records.records);
}

function fail(line: number, reason: string): ParseResult {
  return { ok: false, errors: [{ line, reason }] };
}

interface SourceRecord {
  line: number;
  value: unknown;
  /** Set when the line could not even be split into the expected fields. */
  problem?: string;
}

type Records = { ok: true; records: SourceRecord[] } | { ok: false; errors: ImportLineError[] };

// ─── CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) ────────────────────────────────────

function csvRecords(text: string): Records {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      atFieldStart = true;
      line++;
      rowLine = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted) return { ok: false, errors: [{ line: rowLine, reason: 'unterminated quoted field' }] };
  if (field !== '' || fields.length) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  const nonEmpty = rows.filter((r) => !(r.fields.length === 1 && r.fields[0]?.trim() === ''));
  const header = nonEmpty.shift();
  if (!header) return { ok: false, errors: [{ line: 1, reason: 'no header line' }] };
  const names = header.fields.map((f) => f.trim());
  if (names.join(',') !== BOOKING_FIELDS.join(',')) {
    return {
      ok: false,
      errors: [{ line: header.line, reason: `header must be exactly ${BOOKING_FIELDS.join(',')}` }],
    };
  }
  // A line with the wrong field count is reported as such, and the other lines are still checked,
  // so the officer sees every bad line at once.
  const records: SourceRecord[] = nonEmpty.map((r) =>
    r.fields.length === names.length
      ? { line: r.line, value: Object.fromEntries(names.map((n, k) => [n, (r.fields[k] as string).trim()])) }
      : { line: r.line, value: null, problem: `expected ${names.length} fields, found ${r.fields.length}` },
  );
  return { ok: true, records };
}

// ─── JSON (an array of objects; each element's line is where it starts) ───────────────────────────

function jsonRecords(text: string): Records {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
    return { ok: false, errors: [{ line, reason: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(parsed))
    return { ok: false, errors: [{ line: 1, reason: 'JSON must be an array of bookings' }] };
  const lines = elementLines(text);
  return { ok: true, records: parsed.map((value: unknown, i) => ({ line: lines[i] ?? 1, value })) };
}

/** Line on which each top-level array element starts (strings and nesting respected). */
function elementLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (depth === 1 && expectElement && ch !== ']') {
      out.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return out;
}

// ─── Row validation ───────────────────────────────────────────────────────────────────────────────

function validate(records: SourceRecord[]): ParseResult {
  const errors: ImportLineError[] = [];
  const rows: BookingRow[] = [];
  const seen = new Map<string, number>();
  for (const rec of records) {
    if (rec.problem) {
      errors.push({ line: rec.line, reason: rec.problem });
      continue;
    }
    if (typeof rec.value !== 'object' || rec.value === null || Array.isArray(rec.value)) {
      errors.push({ line: rec.line, reason: 'each booking must be an object' });
      continue;
    }
    const parsed = bookingRowSchema.safeParse(rec.value);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((i) =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      );
      errors.push({ line: rec.line, reason: reasons.join('; ') });
      continue;
    }
    const nik = checkNik(parsed.data.nik);
    if (!nik.ok) {
      errors.push({ line: rec.line, reason: `nik: invalid (${nik.problem})` });
      continue;
    }
    const first = seen.get(parsed.data.booking_code);
    if (first !== undefined) {
      errors.push({
        line: rec.line,
        reason: `booking_code ${parsed.data.booking_code} repeats line ${first}`,
      });
      continue;
    }
    seen.set(parsed.data.booking_code, rec.line);
    rows.push(parsed.data);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
