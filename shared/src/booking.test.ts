import { describe, expect, it } from 'vitest';
import {
  assessBooking,
  bookingCodeFromQr,
  bookingFromRow,
  checkInAction,
  isBookingCode,
  type Booking,
  type BookingAssessment,
} from './booking.ts';
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

describe('checkInAction: what check-in does with a booking in each state', () => {
  it.each<[BookingAssessment, 'join' | 'route' | null]>([
    [{ kind: 'ok' }, 'join'],
    [{ kind: 'late', action: 'accept', windowEnd: '10:00' }, 'join'],
    [{ kind: 'late', action: 'route', windowEnd: '10:00' }, 'route'],
    [{ kind: 'late', action: 'refuse', windowEnd: '10:00' }, null],
    [{ kind: 'early', comeBackAt: '09:00' }, null],
    [{ kind: 'other_date', arrivalDate: '2026-11-29' }, null],
    [{ kind: 'other_office', officeCode: 'SGR' }, null],
    [{ kind: 'unpaid' }, null],
    [{ kind: 'cancelled' }, null],
    [{ kind: 'closed', openTime: '07:30', closeTime: '16:00' }, null],
  ])('%j → %s', (a, expected) => {
    expect(checkInAction(a)).toBe(expected);
  });
});

describe('booking codes', () => {
  it.each([
    ['MP2611280001', true],
    ['ABC123', true],
    ['A1B2C3D4E5F6G7H8I9J0', true],
    ['ABC12', false], // 5 characters
    ['A1B2C3D4E5F6G7H8I9J0K', false], // 21 characters
    ['mp2611280001', false], // lower case is not a code until upper-cased
    ['MP261128-0001', false],
    [' MP2611280001', false],
    ['MP2611280001 ', false],
  ])('%s → %s', (code, ok) => {
    expect(isBookingCode(code)).toBe(ok);
  });
});

describe('bookingCodeFromQr: every candidate must be a booking code', () => {
  it('trims the payload before an anchored pattern', () => {
    expect(bookingCodeFromQr('  mp2611280001\n', '^([A-Z0-9]{6,20})$')).toBe('MP2611280001');
  });

  it('refuses what the pattern captures when it is not a booking code', () => {
    expect(bookingCodeFromQr('BOOKING:AB-12', 'BOOKING:(.+)')).toBeNull();
    expect(bookingCodeFromQr('BOOKING:AB12CD', 'BOOKING:(.+)')).toBe('AB12CD');
  });

  it.each(['code', 'kode', 'booking', 'booking_code', 'kode_booking', 'c'])(
    'reads ?%s= before the path',
    (param) => {
      expect(bookingCodeFromQr(`https://x.example/PATHWORD?${param}=MP2611280001`, '([A-Z0-9]{6,20})')).toBe(
        'MP2611280001',
      );
    },
  );

  it('does not read other parameters, nor the host, as the code', () => {
    expect(bookingCodeFromQr('https://mpaspor.example/?lang=INDONESIA', '^([A-Z0-9]{6,20})$')).toBeNull();
    expect(bookingCodeFromQr('https://mpaspor.example', '([A-Z0-9]{6,20})')).toBeNull();
  });

  it('reads an office pattern against the link without its host', () => {
    expect(bookingCodeFromQr('https://m-paspor.example/b?c=x&ref=MP2611280001', 'REF=([A-Z0-9]+)')).toBe(
      'MP2611280001',
    );
    expect(bookingCodeFromQr('https://REF=AB1234CD.example/', 'REF=([A-Z0-9]+)')).toBeNull();
  });

  it('a payload that merely contains a link is read whole, not as a link', () => {
    expect(bookingCodeFromQr('MP2611280001 https://x.example/b/ZZ9999999999', '([A-Z0-9]{6,20})')).toBe(
      'MP2611280001',
    );
  });
});

describe('bookingFromRow: an import row as the server keeps it', () => {
  it('renames every field and keeps the NIK only masked', () => {
    expect(
      bookingFromRow({
        booking_code: 'MP2611280001',
        nik: '5171014508900001',
        full_name: 'Ni Luh Ariani',
        birth_date: '1990-08-05',
        application_type: 'baru',
        office_code: 'DPS',
        arrival_date: '2026-11-28',
        window_start: '09:00',
        window_end: '10:00',
        payment_status: 'paid',
        account_id: 'ACC1',
      }),
    ).toEqual({
      code: 'MP2611280001',
      maskedNik: '5171********0001',
      fullName: 'Ni Luh Ariani',
      birthDate: '1990-08-05',
      applicationType: 'baru',
      officeCode: 'DPS',
      arrivalDate: '2026-11-28',
      windowStart: '09:00',
      windowEnd: '10:00',
      paymentStatus: 'paid',
      accountId: 'ACC1',
    });
  });
});
