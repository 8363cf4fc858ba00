import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.ts';
import { BookingRepo } from '../bookings/booking-repo.ts';
import { generateDemoBookings } from '../demo/demo-bookings.ts';
import { openDatabase } from '../store/database.ts';
import { daysBefore } from './retention.ts';

describe('retention', () => {
  it('computes calendar days across month and year ends', () => {
    expect(daysBefore('2026-01-10', 30)).toBe('2025-12-11');
    expect(daysBefore('2024-03-01', 1)).toBe('2024-02-29');
  });

  it('erases personal fields of old bookings only, and keeps the rows for statistics', () => {
    const db = openDatabase(join(tempDir('ret', onTestFinished), 'g.db'));
    const repo = new BookingRepo(db, Buffer.alloc(32, 7));
    const old = generateDemoBookings({ date: '2026-10-01', officeCode: 'DPS', count: 20 });
    const recent = generateDemoBookings({ date: '2026-11-20', officeCode: 'DPS', count: 20 });
    repo.upsertAll([...old, ...recent], 0);
    const erased = repo.erasePersonalDataBefore(daysBefore('2026-11-28', 30), 1);
    const oldOnes = old.filter((b) => b.arrival_date < '2026-10-29').length;
    expect(erased).toBe(oldOnes);
    const rows = db
      .prepare("SELECT full_name, masked_nik, nik_hmac FROM bookings WHERE arrival_date < '2026-10-29'")
      .all() as {
      full_name: string;
      masked_nik: string;
      nik_hmac: string;
    }[];
    expect(rows.length).toBe(oldOnes);
    expect(rows.every((r) => r.full_name === '' && r.masked_nik === '' && r.nik_hmac === '')).toBe(true);
    const kept = recent.find((b) => b.arrival_date === '2026-11-20')!;
    expect(repo.byCode(kept.booking_code)?.fullName).toBe(kept.full_name);
    db.close();
  });
});

describe('retention boundary and fields', () => {
  it('keeps a booking dated on the cut-off day, erases the day before, and erases birth date and account too', () => {
    const db = openDatabase(join(tempDir('ret-edge', onTestFinished), 'g.db'));
    const repo = new BookingRepo(db, Buffer.alloc(32, 7));
    const [a, b] = generateDemoBookings({ date: '2026-10-01', officeCode: 'DPS', count: 2 });
    repo.upsertAll(
      [
        { ...a!, booking_code: 'RET-DAY-BEFORE', arrival_date: '2026-10-28' },
        { ...b!, booking_code: 'RET-ON-CUTOFF', arrival_date: '2026-10-29' },
      ],
      0,
    );
    // 30 days before 2026-11-28 is 2026-10-29: bookings *before* it go, the cut-off day stays.
    expect(repo.erasePersonalDataBefore('2026-10-29', 1)).toBe(1);
    const rows = db
      .prepare(
        'SELECT code, full_name, birth_date, account_id, masked_nik, nik_hmac FROM bookings ORDER BY code',
      )
      .all();
    expect(rows).toEqual([
      { code: 'RET-DAY-BEFORE', full_name: '', birth_date: '', account_id: '', masked_nik: '', nik_hmac: '' },
      expect.objectContaining({ code: 'RET-ON-CUTOFF', full_name: b!.full_name, birth_date: b!.birth_date }),
    ]);
    // Already erased rows are not counted again.
    expect(repo.erasePersonalDataBefore('2026-10-29', 2)).toBe(0);
    db.close();
  });
});
