import { describe, expect, it } from 'vitest';
import { describeBadLines } from './import-bookings.ts';
import { parseBookingsFile } from './parse-bookings.ts';

const HEADER =
  'booking_code,nik,full_name,birth_date,application_type,office_code,arrival_date,window_start,window_end,payment_status,account_id';
const row = (code: string, extra: Partial<Record<string, string>> = {}) => {
  const r = {
    booking_code: code,
    nik: '5171014508900001',
    full_name: 'Ni Luh Ariani',
    birth_date: '1990-08-05',
    application_type: 'baru',
    office_code: 'DPS',
    arrival_date: '2026-11-28',
    window_start: '08:00',
    window_end: '09:00',
    payment_status: 'paid',
    account_id: 'ACC1',
    ...extra,
  };
  return r;
};
const csv = (...rows: Record<string, string>[]) =>
  [HEADER, ...rows.map((r) => Object.values(r).join(','))].join('\n');
const bytes = (s: string) => new TextEncoder().encode(s);
/** The bad lines of a file in `lang`: line number → reason. */
const reasons = (text: string | Uint8Array, lang: 'id' | 'en' = 'en') => {
  const r = parseBookingsFile(typeof text === 'string' ? bytes(text) : text);
  return r.ok ? {} : Object.fromEntries(describeBadLines(r.errors, lang).map((l) => [l.line, l.reason]));
};

describe('parseBookingsFile', () => {
  it('reads the M-Paspor CSV export (CRLF, BOM, quoted names)', () => {
    const text = `\uFEFF${HEADER}\r\nMP0001,5171014508900001,"Sitorus, Maria",1990-08-05,baru,DPS,2026-11-28,08:00,09:00,paid,ACC1\r\n`;
    const r = parseBookingsFile(bytes(text));
    expect(r.ok && r.rows[0]?.full_name).toBe('Sitorus, Maria');
  });

  it('reads quoted fields with doubled quotes and line breaks, and counts lines across them', () => {
    const text = `${HEADER}\nMP0001,5171014508900001,"Ayu ""Dewi""\nLestari",1990-08-05,baru,DPS,2026-11-28,08:00,09:00,paid,ACC1\nMP0002,1,x,1990-08-05,baru,DPS,2026-11-28,08:00,09:00,paid,ACC1\n`;
    const r = parseBookingsFile(bytes(text));
    expect(!r.ok && r.errors.map((e) => e.line)).toEqual([4]);
    expect(parseBookingsFile(bytes(text.split('\nMP0002')[0] as string))).toMatchObject({
      ok: true,
      rows: [{ full_name: 'Ayu "Dewi" Lestari' }],
    });
  });

  it('reads the JSON export', () => {
    const r = parseBookingsFile(bytes(JSON.stringify([row('MP0001'), row('MP0002')], null, 2)));
    expect(r.ok && r.rows.length).toBe(2);
  });

  it('rejects the whole file and lists every bad line with its line number (header = line 1)', () => {
    const text = csv(
      row('MP0001'),
      row('MP0002', { nik: '123' }),
      row('MP0003'),
      row('MP0004', { window_end: '07:00' }),
      row('MP0001'),
    );
    expect(reasons(text)).toEqual({
      3: 'nik: the NIK must have 16 digits',
      5: 'window_end: must be after window_start',
      6: 'booking_code: booking code MP0001 repeats line 2',
    });
  });

  it('reports every problem of a line at once, in the language asked for', () => {
    const text = csv(
      row('MP0001'),
      row('mp6', {
        nik: '5171014513900001', // month 13
        birth_date: '1990-02-30',
        application_type: 'wisata',
        window_start: '10:00',
        window_end: '09:00',
        payment_status: 'lunas',
      }),
    );
    expect(reasons(text, 'en')).toEqual({
      3:
        'booking_code: must be 6–20 capital letters or digits; birth_date: must be a real date as YYYY-MM-DD; ' +
        'application_type: must be one of: baru, penggantian, hilang, rusak, anak, umrah; ' +
        'payment_status: must be one of: paid, unpaid, cancelled; ' +
        'nik: the birth date in the NIK (digits 7–12) is wrong; window_end: must be after window_start',
    });
    expect(reasons(text, 'id')).toEqual({
      3:
        'booking_code: harus 6–20 huruf kapital atau angka; birth_date: harus tanggal yang ada, format YYYY-MM-DD; ' +
        'application_type: harus salah satu dari: baru, penggantian, hilang, rusak, anak, umrah; ' +
        'payment_status: harus salah satu dari: paid, unpaid, cancelled; ' +
        'nik: tanggal lahir di NIK (angka ke-7 s.d. 12) salah; window_end: harus setelah window_start',
    });
    const r = parseBookingsFile(bytes(text));
    expect(!r.ok && describeBadLines(r.errors, 'en')[0]?.problems.map((p) => [p.field, p.code])).toEqual([
      ['booking_code', 'booking_code_format'],
      ['birth_date', 'date_format'],
      ['application_type', 'one_of'],
      ['payment_status', 'one_of'],
      ['nik', 'nik_invalid'],
      ['window_end', 'window_order'],
    ]);
  });

  it('reports a line with the wrong field count together with the other bad lines', () => {
    const text = [
      csv(row('MP0001')),
      'MP0002,too,few',
      Object.values(row('MP0003', { nik: '1' })).join(','),
    ].join('\n');
    expect(reasons(text)).toEqual({
      3: 'expected 11 fields, found 3',
      4: 'nik: the NIK must have 16 digits',
    });
    expect(reasons(text, 'id')).toEqual({ 3: 'harus 11 kolom, ada 3', 4: 'nik: NIK harus 16 angka' });
  });

  it('gives JSON errors the line where the element starts, with missing, unknown and non-text fields', () => {
    const text = JSON.stringify(
      [
        row('MP0001'),
        row('MP0002', { application_type: 'wisata' }),
        { ...row('MP0003'), nik: 5171014508900001, extra: 'x', office_code: undefined },
      ],
      null,
      2,
    );
    expect(reasons(text)).toEqual({
      15: 'application_type: must be one of: baru, penggantian, hilang, rusak, anak, umrah',
      28: 'nik: must be text; office_code: missing; extra: unknown field',
    });
  });

  it.each([
    ['a wrong header', 'code,nik\nMP0001,1', { 1: `the header must be exactly: ${HEADER}` }],
    ['an unterminated quote', `${HEADER}\nMP0001,"oops`, { 2: 'unterminated quoted field' }],
    ['truncated JSON', '[{"booking_code": "MP0001"', { 1: 'not valid JSON' }],
    [
      'JSON with a trailing comma',
      '[\n"MP0001",\n]',
      { 2: 'each booking must be an object', 3: 'not valid JSON' },
    ],
    ['a JSON object', '{"booking_code": "MP0001"}', { 1: 'JSON must be an array of bookings' }],
    ['an empty file', '', { 1: 'the file is empty' }],
    ['a blank file', ' \n\n ', { 1: 'the file is empty' }],
  ])('rejects %s', (_name, text, expected) => {
    expect(reasons(text)).toEqual(expected);
  });

  it('rejects bytes that are not UTF-8, naming the line', () => {
    const text = Buffer.concat([
      bytes(`${HEADER}\n`),
      bytes(Object.values(row('MP0001')).join(',') + '\n'),
      Buffer.from([0x62, 0xff, 0xfe, 0x0a]),
    ]);
    expect(reasons(text)).toEqual({ 3: 'not UTF-8 text (save the export as UTF-8 CSV or JSON)' });
    expect(reasons(text, 'id')).toEqual({
      3: 'bukan teks UTF-8 (simpan ekspor sebagai CSV atau JSON UTF-8)',
    });
  });

  it('strips control characters and bidi overrides from names, keeping letters and emoji', () => {
    const name = 'Ni\u0007 Luh\t\u202EAyu\u202C \u2066Dewi\u2069\u200F 🌺\u0000';
    const r = parseBookingsFile(
      bytes(JSON.stringify([row('MP0001', { full_name: name, account_id: 'ACC\u202E1' })])),
    );
    expect(r.ok && r.rows[0]).toMatchObject({ full_name: 'Ni Luh Ayu Dewi 🌺', account_id: 'ACC1' });
    // A name that is nothing but such characters is a missing name.
    expect(reasons(JSON.stringify([row('MP0002', { full_name: '\u202E\u0001 \u2066' })]))).toEqual({
      1: 'full_name: required',
    });
  });

  it('reads a file of many megabytes line by line with the same answers', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      Object.values(row(`MP${String(i).padStart(6, '0')}`)).join(','),
    );
    lines[20_000] = Object.values(row('MP020000', { nik: '12' })).join(',');
    const r = parseBookingsFile(bytes([HEADER, ...lines].join('\r\n')));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.line)).toEqual([20_002]);
  });
});
