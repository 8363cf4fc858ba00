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
