import { describe, expect, it } from 'vitest';
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

describe('parseBookingsFile', () => {
  it('reads the M-Paspor CSV export (CRLF, BOM, quoted names)', () => {
    const text = `\uFEFF${HEADER}\r\nMP0001,5171014508900001,"Sitorus, Maria",1990-08-05,baru,DPS,2026-11-28,08:00,09:00,paid,ACC1\r\n`;
    const r = parseBookingsFile(bytes(text));
    expect(r.ok && r.rows[0]?.full_name).toBe('Sitorus, Maria');
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
    const r = parseBookingsFile(bytes(text));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([3, 5, 6]);
    expect(r.errors[0]!.reason).toMatch(/nik/);
    expect(r.errors[1]!.reason).toMatch(/window_end/);
    expect(r.errors[2]!.reason).toMatch(/repeats line 2/);
  });

  it('reports a line with the wrong field count together with the other bad lines', () => {
    const text = [
      csv(row('MP0001')),
      'MP0002,too,few',
      Object.values(row('MP0003', { nik: '1' })).join(','),
    ].join('\n');
    const r = parseBookingsFile(bytes(text));
    expect(!r.ok && r.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(!r.ok && r.errors[0]?.reason).toMatch(/expected 11 fields, found 3/);
  });

  it('gives JSON errors the line where the element starts', () => {
    const text = JSON.stringify([row('MP0001'), row('MP0002', { application_type: 'wisata' })], null, 2);
    const r = parseBookingsFile(bytes(text));
    expect(!r.ok && r.errors.map((e) => e.line)).toEqual([15]);
    expect(!r.ok && r.errors[0]?.reason).toMatch(/application_type/);
  });

  it.each([
    ['a wrong header', 'code,nik\nMP0001,1', 1],
    ['an unterminated quote', `${HEADER}\nMP0001,"oops`, 2],
    ['truncated JSON', '[{"booking_code": "MP0001"', 1],
    ['an empty file', '', 1],
  ])('rejects %s', (_name, text, line) => {
    const r = parseBookingsFile(bytes(text));
    expect(!r.ok && r.errors[0]?.line).toBe(line);
  });

  it('rejects bytes that are not UTF-8', () => {
    const r = parseBookingsFile(new Uint8Array([0x62, 0x6f, 0xff, 0xfe, 0x0a]));
    expect(!r.ok && r.errors[0]?.reason).toMatch(/UTF-8/);
  });
});
