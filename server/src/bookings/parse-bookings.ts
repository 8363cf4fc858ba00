import { isUtf8 } from 'node:buffer';
import {
  APPLICATION_TYPES,
  BOOKING_FIELDS,
  bookingFieldSchemas,
  checkNik,
  IMPORT_PROBLEMS,
  PAYMENT_STATUSES,
  windowInOrder,
  type BookingRow,
  type ImportProblemCode,
  type ImportProblemFound,
} from '@giliran/shared';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** One line of an import file, read and checked: a booking, or every problem the line has. */
export type ReadLine = { line: number; row: BookingRow } | { line: number; problems: ImportProblemFound[] };

/**
 * Reads an M-Paspor export (CSV or JSON, told by its first character) one booking at a time, so
 * the caller can pause between lines and a 50 MB file never holds the event loop: the bytes are
 * decoded 1 MB at a time and only the current line is parsed. A problem of the whole file (not
 * UTF-8, wrong header, broken JSON) is yielded as one bad line and ends the reading. Line numbers
 * are the file's (the CSV header is line 1; a JSON booking's line is where its `{` is).
 */
export function* readBookingsFile(bytes: Uint8Array): Generator<ReadLine, void, undefined> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    yield fileProblem(1, 'too_large', { mb: MAX_IMPORT_BYTES / 1024 / 1024 });
    return;
  }
  if (!isUtf8(bytes)) {
    yield fileProblem(firstBadUtf8Line(bytes), 'not_utf8');
    return;
  }
  const cur = new TextCursor(bytes);
  const first = cur.firstNonSpace();
  if (first === null) yield fileProblem(1, 'empty_file');
  else if (first === '[' || first === '{') yield* jsonBookings(cur);
  else yield* csvBookings(cur);
}

/** Reads the whole file at once (small files and tests): every row, or every bad line. */
export function parseBookingsFile(
  bytes: Uint8Array,
):
  | { ok: true; rows: BookingRow[] }
  | { ok: false; errors: { line: number; problems: ImportProblemFound[] }[] } {
  const rows: BookingRow[] = [];
  const errors: { line: number; problems: ImportProblemFound[] }[] = [];
  for (const r of readBookingsFile(bytes)) {
    if ('row' in r) rows.push(r.row);
    else errors.push(r);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

const fileProblem = (
  line: number,
  code: ImportProblemCode,
  params?: Record<string, string | number>,
): ReadLine => ({ line, problems: [{ field: null, code, ...(params ? { params } : {}) }] });

/** The line of the first byte that is not UTF-8 (only run on a file already found not to be). */
function firstBadUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >> 5 === 0x6 ? 2 : b >> 4 === 0xe ? 3 : b >> 3 === 0x1e ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return line;
    for (let k = 1; k < len; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return line;
    if (b === 0x0a) line++;
    i += len;
  }
  return line;
}

// ─── Text, 1 MB at a time ─────────────────────────────────────────────────────────────────────────

const PIECE_BYTES = 1024 * 1024;

/**
 * The decoded text seen through a window: `buf` holds the unread text, `pos` the start of the unit
 * being read. A reader that runs out of `buf` calls `more()` (which drops what was read and appends
 * the next megabyte) and reads its unit again from `pos`.
 */
class TextCursor {
  buf = '';
  pos = 0;
  done = false;
  private offset = 0;
  private readonly decoder = new TextDecoder('utf-8'); // BOM dropped; validity checked before

  constructor(private readonly bytes: Uint8Array) {
    this.more();
  }

  more(): boolean {
    if (this.done) return false;
    const end = Math.min(this.bytes.length, this.offset + PIECE_BYTES);
    const last = end >= this.bytes.length;
    const text = this.decoder.decode(this.bytes.subarray(this.offset, end), { stream: !last });
    this.offset = end;
    this.buf = this.buf.slice(this.pos) + text;
    this.pos = 0;
    this.done = last;
    return true;
  }

  firstNonSpace(): string | null {
    for (;;) {
      const m = /\S/.exec(this.buf.slice(this.pos));
      if (m) return m[0];
      if (!this.more()) return null;
    }
  }
}

const countNewlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

// ─── CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) ────────────────────────────────────

interface CsvRecord {
  fields: string[];
  next: number;
  /** Line breaks consumed, inside quoted fields and the one ending the record. */
  lines: number;
  eof: boolean;
}

const DELIMITER = /[,\r\n]/g;

/** One record from `i`; null when `buf` ends before the record does (and more text may come). */
function scanCsvRecord(buf: string, start: number, final: boolean): CsvRecord | 'unterminated' | null {
  const fields: string[] = [];
  let lines = 0;
  let i = start;
  for (;;) {
    let value = '';
    if (buf.charCodeAt(i) === 34) {
      let j = i + 1;
      for (;;) {
        const k = buf.indexOf('"', j);
        if (k < 0) return final ? 'unterminated' : null;
        value += buf.slice(j, k);
        if (buf.charCodeAt(k + 1) === 34) {
          value += '"';
          j = k + 2;
          continue;
        }
        if (k + 1 >= buf.length && !final) return null; // a doubled quote may follow
        i = k + 1;
        break;
      }
      lines += countNewlines(value);
    }
    // Unquoted text (or text after a closing quote) runs to the next comma or line break.
    DELIMITER.lastIndex = i;
    const m = DELIMITER.exec(buf);
    if (!m && !final) return null;
    const end = m ? m.index : buf.length;
    value += buf.slice(i, end);
    i = end;
    fields.push(value);
    if (i >= buf.length) return { fields, next: i, lines, eof: true };
    const c = buf.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 13) {
      if (i + 1 >= buf.length && !final) return null; // CR, perhaps CRLF
      i += buf.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else i++;
    return { fields, next: i, lines: lines + 1, eof: false };
  }
}

function* csvBookings(cur: TextCursor): Generator<ReadLine, void, undefined> {
  let line = 1;
  let header: string[] | null = null;
  const seen = new Map<string, number>();
  for (;;) {
    const r = scanCsvRecord(cur.buf, cur.pos, cur.done);
    if (r === null) {
      cur.more();
      continue;
    }
    if (r === 'unterminated') {
      yield fileProblem(line, 'unterminated_quote');
      return;
    }
    cur.pos = r.next;
    const recordLine = line;
    line += r.lines;
    const blank = r.fields.length === 1 && (r.fields[0] as string).trim() === '';
    if (!blank) {
      if (!header) {
        header = r.fields.map((f) => f.trim());
        if (header.join(',') !== BOOKING_FIELDS.join(',')) {
          yield fileProblem(recordLine, 'header', { expected: BOOKING_FIELDS.join(',') });
          return;
        }
      } else if (r.fields.length !== header.length) {
        // Reported as such; the other lines are still checked, so every bad line shows at once.
        yield fileProblem(recordLine, 'field_count', { expected: header.length, found: r.fields.length });
      } else {
        const fields = header;
        yield checkBooking(
          Object.fromEntries(fields.map((n, k) => [n, (r.fields[k] as string).trim()])),
          recordLine,
          seen,
        );
      }
    }
    if (r.eof) break;
  }
  if (!header) yield fileProblem(1, 'header', { expected: BOOKING_FIELDS.join(',') });
}

// ─── JSON (an array of objects; each element's line is where it starts) ───────────────────────────

/** End of the JSON value starting at `i` (exclusive); -1 when `buf` ends first. */
function scanJsonValue(buf: string, i: number, final: boolean): number {
  const c = buf[i];
  if (c === '{' || c === '[' || c === '"') {
    let depth = 0;
    let inString = false;
    const special = /["{}[\]\\]/g;
    special.lastIndex = i;
    for (let m = special.exec(buf); m; m = special.exec(buf)) {
      const ch = m[0];
      if (inString) {
        if (ch === '\\') special.lastIndex = m.index + 2;
        else if (ch === '"') {
          inString = false;
          if (depth === 0) return m.index + 1;
        }
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return m.index + 1;
      }
    }
    return final ? buf.length : -1;
  }
  const end = /[,\]\s]/g;
  end.lastIndex = i;
  const m = end.exec(buf);
  return m ? m.index : final ? buf.length : -1;
}

function* jsonBookings(cur: TextCursor): Generator<ReadLine, void, undefined> {
  let line = 1;
  const seen = new Map<string, number>();
  /** Skips white space, counting lines; the next character, or null at the end of the file. */
  const next = (): string | null => {
    for (;;) {
      const ws = /\S/g;
      ws.lastIndex = cur.pos;
      const m = ws.exec(cur.buf);
      if (m) {
        line += countNewlines(cur.buf.slice(cur.pos, m.index));
        cur.pos = m.index;
        return m[0];
      }
      line += countNewlines(cur.buf.slice(cur.pos));
      cur.pos = cur.buf.length;
      if (!cur.more()) return null;
    }
  };
  const open = next();
  if (open !== '[') {
    yield fileProblem(1, open === '{' ? 'json_not_array' : 'json_syntax');
    return;
  }
  cur.pos++;
  let expectValue = true;
  for (let first = true; ; first = false) {
    const c = next();
    if (c === null) {
      yield fileProblem(line, 'json_syntax'); // the array never closes
      return;
    }
    if (c === ']' && (first || !expectValue)) {
      cur.pos++;
      if (next() !== null) yield fileProblem(line, 'json_syntax');
      return;
    }
    if (!expectValue) {
      if (c !== ',') {
        yield fileProblem(line, 'json_syntax');
        return;
      }
      cur.pos++;
      expectValue = true;
      continue;
    }
    let end = scanJsonValue(cur.buf, cur.pos, cur.done);
    while (end < 0) {
      cur.more();
      end = scanJsonValue(cur.buf, cur.pos, cur.done);
    }
    const text = cur.buf.slice(cur.pos, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield fileProblem(line, 'json_syntax');
      return;
    }
    const elementLine = line;
    line += countNewlines(text);
    cur.pos = end;
    expectValue = false;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      yield fileProblem(elementLine, 'not_object');
    else yield checkBooking(value as Record<string, unknown>, elementLine, seen);
  }
}

// ─── One booking: every problem of the line at once ───────────────────────────────────────────────

const ONE_OF: Partial<Record<string, string>> = {
  application_type: APPLICATION_TYPES.join(', '),
  payment_status: PAYMENT_STATUSES.join(', '),
};

function checkBooking(value: Record<string, unknown>, line: number, seen: Map<string, number>): ReadLine {
  const problems: ImportProblemFound[] = [];
  const row: Record<string, string> = {};
  for (const field of BOOKING_FIELDS) {
    const v = value[field];
    if (v === undefined) {
      problems.push({ field, code: 'missing_field' });
      continue;
    }
    if (typeof v !== 'string') {
      problems.push({ field, code: 'not_text' });
      continue;
    }
    const parsed = bookingFieldSchemas[field].safeParse(v);
    if (parsed.success) {
      row[field] = parsed.data;
      continue;
    }
    const issue = parsed.error.issues[0];
    const code = (
      issue && issue.message in IMPORT_PROBLEMS ? issue.message : 'not_text'
    ) as ImportProblemCode;
    const params: Record<string, string | number> = {};
    if (code === 'one_of') params.values = ONE_OF[field] ?? '';
    if (code === 'nik_invalid') params.problem = 'format';
    if (code === 'too_long' && issue && 'maximum' in issue) params.max = Number(issue.maximum);
    problems.push({ field, code, ...(Object.keys(params).length ? { params } : {}) });
  }
  for (const key of Object.keys(value))
    if (!(BOOKING_FIELDS as readonly string[]).includes(key))
      problems.push({ field: key, code: 'unknown_field' });
  if (row.nik !== undefined) {
    const nik = checkNik(row.nik);
    if (!nik.ok) problems.push({ field: 'nik', code: 'nik_invalid', params: { problem: nik.problem } });
  }
  if (
    row.window_start !== undefined &&
    row.window_end !== undefined &&
    !windowInOrder(row.window_start, row.window_end)
  )
    problems.push({ field: 'window_end', code: 'window_order' });
  const code = row.booking_code;
  if (code !== undefined) {
    const first = seen.get(code);
    if (first !== undefined)
      problems.push({ field: 'booking_code', code: 'duplicate_code', params: { code, line: first } });
    else seen.set(code, line);
  }
  return problems.length ? { line, problems } : { line, row: row as BookingRow };
}
