import type { Lang, Localized } from './i18n-types.ts';
import { NIK_PROBLEM_TEXT, type NikProblem } from './nik.ts';

/**
 * Every problem a booking import can report, with its text in both languages. A file's column
 * names (`nik`, `window_end`) stay as they are in the file; the rest is in the user's language.
 * `{name}` placeholders are filled from the problem's params.
 */
export const IMPORT_PROBLEMS = {
  // A field of one line
  required: { id: 'wajib diisi', en: 'required' },
  too_long: { id: 'paling banyak {max} karakter', en: 'at most {max} characters' },
  not_text: { id: 'harus berupa teks', en: 'must be text' },
  missing_field: { id: 'tidak ada', en: 'missing' },
  unknown_field: { id: 'kolom tidak dikenal', en: 'unknown field' },
  booking_code_format: {
    id: 'harus 6–20 huruf kapital atau angka',
    en: 'must be 6–20 capital letters or digits',
  },
  /** `params.problem` is a `NikProblem`; the words are the kiosk's (NIK_PROBLEM_TEXT). */
  nik_invalid: { id: 'NIK tidak valid', en: 'invalid NIK' },
  date_format: {
    id: 'harus tanggal yang ada, format YYYY-MM-DD',
    en: 'must be a real date as YYYY-MM-DD',
  },
  time_format: { id: 'harus jam dengan format HH:MM', en: 'must be a time as HH:MM' },
  one_of: { id: 'harus salah satu dari: {values}', en: 'must be one of: {values}' },
  office_code_format: { id: 'harus 2–6 huruf kapital', en: 'must be 2–6 capital letters' },
  window_order: { id: 'harus setelah window_start', en: 'must be after window_start' },
  duplicate_code: {
    id: 'kode {code} sudah ada di baris {line}',
    en: 'booking code {code} repeats line {line}',
  },
  // A whole line or the whole file
  field_count: { id: 'harus {expected} kolom, ada {found}', en: 'expected {expected} fields, found {found}' },
  not_object: { id: 'setiap pemesanan harus berupa objek', en: 'each booking must be an object' },
  header: { id: 'baris judul harus persis: {expected}', en: 'the header must be exactly: {expected}' },
  unterminated_quote: {
    id: 'tanda kutip (") tidak ditutup',
    en: 'unterminated quoted field',
  },
  not_utf8: {
    id: 'bukan teks UTF-8 (simpan ekspor sebagai CSV atau JSON UTF-8)',
    en: 'not UTF-8 text (save the export as UTF-8 CSV or JSON)',
  },
  empty_file: { id: 'berkas kosong', en: 'the file is empty' },
  too_large: { id: 'berkas lebih dari {mb} MB', en: 'the file is larger than {mb} MB' },
  json_syntax: { id: 'bukan JSON yang valid', en: 'not valid JSON' },
  json_not_array: {
    id: 'JSON harus berupa larik (array) pemesanan',
    en: 'JSON must be an array of bookings',
  },
} as const satisfies Record<string, Localized>;

export type ImportProblemCode = keyof typeof IMPORT_PROBLEMS;

/** One problem found in an import file, before it is put in words. */
export interface ImportProblemFound {
  /** The column (`nik`), or null for the whole line or file. */
  field: string | null;
  code: ImportProblemCode;
  params?: Record<string, string | number>;
}

/** At most this many bad lines are reported (the count says how many more there are). */
export const MAX_REPORTED_IMPORT_LINES = 100;

/** `nik: harus 16 angka`: one problem in `lang`, with its column. */
export function importProblemText(p: ImportProblemFound, lang: Lang): string {
  const nik = p.code === 'nik_invalid' ? NIK_PROBLEM_TEXT[p.params?.problem as NikProblem] : undefined;
  const text = (nik ?? IMPORT_PROBLEMS[p.code])[lang].replace(/\{(\w+)\}/g, (_, k: string) =>
    String(p.params?.[k] ?? ''),
  );
  return p.field ? `${p.field}: ${text}` : text;
}

/** The language a request asks for: `?lang=en|id`, else the first of Accept-Language; Indonesian by default. */
export function requestLang(query: string | null, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'id') return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('id') || tag.startsWith('in')) return 'id';
    if (tag.startsWith('en')) return 'en';
  }
  return 'id';
}

/**
 * Strips what must never reach a screen or a printer from an imported name: control characters
 * (C0, DEL, C1; tabs and line breaks become spaces) and the bidirectional overrides, embeddings,
 * isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) that can make a name
 * display reversed or spoof another; then collapses runs of spaces. Letters, marks and emoji stay.
 */
export function sanitizeImportedText(value: string): string {
  return (
    value
      .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
      // eslint-disable-next-line no-control-regex -- matching control characters is the point here
      .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, '')
      .replace(/ {2,}/g, ' ')
      .trim()
  );
}
