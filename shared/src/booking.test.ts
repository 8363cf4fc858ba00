import { describe, expect, it } from 'vitest';
import { assessBooking, bookingCodeFromQr, type Booking } from './booking.ts';
import { localToInstant } from './time.ts';

const TZ = 'Asia/Makassar';
const at = (time: string, date = '2026-11-28') => localToInstant(date, time, TZ);
const booking: Booking = {
  code: 'MP2611280001',
  maskedNik: '5171********0001',
  fullName: 'Ni Luh Ariani',
  birthDate: '1990-08-05',
  applicationType: 'baru',
  officeCode: 'DPS',
  arrivalDate: '2026-11-28',
  windowStart: '10:00',
  windowEnd: '11:00',
  paymentStatus: 'paid',
  accountId: 'ACC1',
};
const OFFICE = { code: 'DPS', timeZone: TZ, openTime: '07:30', closeTime: '16:00' };
const ctx = (now: number, lateAction: 'route' | 'refuse' | 'accept' = 'route', office = OFFICE) => ({
  now,
  office,
  policy: {
    earlyMarginMinutes: 60,
    lateGraceMinutes: 30,
    lateArrival:
      lateAction === 'route' ? { action: 'route' as const, serviceId: 'informasi' } : { action: lateAction },
  },
});

describe('assessBooking (DESIGN §3 check-in rules)', () => {
  it.each([
    ['inside the window', booking, at('10:20'), { kind: 'ok' }],
    ['early within the margin', booking, at('09:00'), { kind: 'ok' }],
    ['too early: told when to come back', booking, at('08:59'), { kind: 'early', comeBackAt: '09:00' }],
    ['late within grace', booking, at('11:30'), { kind: 'ok' }],
    ['late beyond grace', booking, at('11:31'), { kind: 'late', action: 'route', windowEnd: '11:00' }],
    [
      'another date',
      { ...booking, arrivalDate: '2026-11-29' },
      at('10:00'),
      { kind: 'other_date', arrivalDate: '2026-11-29' },
    ],
    [
      'another office',
      { ...booking, officeCode: 'SGR' },
      at('10:00'),
      { kind: 'other_office', officeCode: 'SGR' },
    ],
    ['unpaid', { ...booking, paymentStatus: 'unpaid' as const }, at('10:00'), { kind: 'unpaid' }],
    ['cancelled', { ...booking, paymentStatus: 'cancelled' as const }, at('10:00'), { kind: 'cancelled' }],
    [
      'before opening (07:29), even inside its window',
      { ...booking, windowStart: '07:00', windowEnd: '08:00' },
      at('07:29'),
      { kind: 'closed', openTime: '07:30', closeTime: '16:00' },
    ],
    [
      'at opening (07:30)',
      { ...booking, windowStart: '07:00', windowEnd: '08:00' },
      at('07:30'),
      { kind: 'ok' },
    ],
    [
      'at closing (16:00)',
      { ...booking, windowStart: '15:00', windowEnd: '16:00' },
      at('16:00'),
      { kind: 'closed', openTime: '07:30', closeTime: '16:00' },
    ],
    [
      'a minute before closing',
      { ...booking, windowStart: '15:00', windowEnd: '16:00' },
      at('15:59'),
      { kind: 'ok' },
    ],
  ])('%s', (_name, b, now, expected) => {
    expect(assessBooking(b, ctx(now))).toEqual(expected);
  });

  it('uses the office day, not UTC: 00:30 WITA is already the booked day', () => {
    const b = { ...booking, windowStart: '00:00', windowEnd: '01:00' };
    const allDay = { ...OFFICE, openTime: '00:00', closeTime: '23:59' };
    expect(assessBooking(b, ctx(at('00:30'), 'route', allDay))).toEqual({ kind: 'ok' });
  });
});

describe('bookingCodeFromQr', () => {
  it('extracts the code with the configured pattern from an opaque payload', () => {
    expect(bookingCodeFromQr('https://m-paspor.example/b?c=mp2611280001&x=1', 'C=([A-Z0-9]{6,20})')).toBe(
      'MP2611280001',
    );
    expect(bookingCodeFromQr('MP2611280001', '([A-Z0-9]{6,20})')).toBe('MP2611280001');
    expect(bookingCodeFromQr('???', '([A-Z0-9]{6,20})')).toBeNull();
  });

  it.each([
    ['a link with the code as its last path segment', 'https://m-paspor.imigrasi.go.id/b/MP2611280001'],
    ['a link with a trailing slash', 'https://m-paspor.imigrasi.go.id/booking/mp2611280001/'],
    ['a link with ?code=', 'https://m-paspor.imigrasi.go.id/cek?code=MP2611280001&lang=id'],
    ['a link with ?kode= after other parameters', 'http://x.example/?lang=id&kode=mp2611280001'],
    ['a link with the code in its fragment', 'https://m-paspor.imigrasi.go.id/#MP2611280001'],
    ['the bare code with spaces around', '  MP2611280001 '],
  ])('reads the code out of %s with the default pattern', (_name, payload) => {
    expect(bookingCodeFromQr(payload, '([A-Z0-9]{6,20})')).toBe('MP2611280001');
  });

  it('never takes a piece of the host name for a code', () => {
    // "PASPOR" (6 letters) inside "m-paspor" would match the default pattern on the whole link.
    expect(bookingCodeFromQr('https://m-paspor.example/b/MP2611280001', '([A-Z0-9]{6,20})')).toBe(
      'MP2611280001',
    );
    expect(bookingCodeFromQr('https://m-paspor.example/', '^([A-Z0-9]{6,20})$')).toBeNull();
  });
});
