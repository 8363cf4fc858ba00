import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.ts';
import type { BookingRow } from '@giliran/shared';
import { BookingRepo } from '../bookings/booking-repo.ts';
import { generateDemoBookings } from '../demo/demo-bookings.ts';
import { openDatabase } from '../store/database.ts';
import { migration001 } from '../store/migrations/001-initial.ts';
import { migrate } from '../store/migrations/index.ts';
import { vacuumOnceForSecureDelete } from '../store/scrub.ts';
import { daysBefore } from './retention.ts';

/** Matches of `pattern` in the raw bytes of the database, its WAL and its SHM (as `grep -c` would). */
function onDisk(dbPath: string, pattern: RegExp): { found: number; distinct: number; bytes: number } {
  const files = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`].filter((f) => existsSync(f));
  const seen = new Set<string>();
  let found = 0;
  let bytes = 0;
  for (const f of files) {
    for (const m of readFileSync(f).toString('latin1').matchAll(new RegExp(pattern, 'g'))) {
      found++;
      bytes += m[0].length;
      seen.add(m[0]);
    }
  }
  return { found, distinct: seen.size, bytes };
}
const NONE = { found: 0, distinct: 0, bytes: 0 };

describe('retention erases on disk (UU 27/2022)', () => {
  it('leaves no erased name, birth date or account in giliran.db, -wal or -shm', () => {
    const dir = tempDir('erase', onTestFinished);
    const path = join(dir, 'giliran.db');
    const db = openDatabase(path);
    const repo = new BookingRepo(db, Buffer.alloc(32, 7));
    const people = generateDemoBookings({ date: '2026-09-01', officeCode: 'DPS', count: 4_000 });
    // Old bookings (erased) with names, birth dates and accounts found nowhere else.
    const old: BookingRow[] = people.map((p, i) => ({
      ...p,
      booking_code: `OLD${String(i).padStart(6, '0')}`,
      full_name: `Quorvex Erasable ${String(i).padStart(5, '0')}`,
      birth_date: `1931-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      account_id: `ZQACCOUNT${String(i).padStart(6, '0')}`,
      arrival_date: `2026-09-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const recent: BookingRow[] = people.slice(0, 500).map((p, i) => ({
      ...p,
      booking_code: `NEW${String(i).padStart(6, '0')}`,
      full_name: `Keepable Person ${String(i).padStart(5, '0')}`,
      arrival_date: '2026-11-20',
    }));
    // Imported in several batches over "days", as an office does, then a day's work on top.
    for (let i = 0; i < old.length; i += 250) repo.upsertAll(old.slice(i, i + 250), i);
    repo.upsertAll(recent, 1);

    const names = /Quorvex Erasable \d{5}/;
    const birthDates = /1931-\d\d-\d\d/;
    const accounts = /ZQACCOUNT\d{6}/;
    const before = onDisk(path, names);
    expect(before.distinct).toBe(old.length); // the test sees every name on disk before retention

    const erased = repo.erasePersonalDataBefore(daysBefore('2026-11-28', 30), 2);
    expect(erased).toBe(old.length);

    const after = onDisk(path, names);
    console.log(
      `[retention-disk] erased names on disk before retention: ${before.found} (${before.distinct} names, ${before.bytes} bytes); after: ${after.found} (${after.distinct} names, ${after.bytes} bytes)`,
    );
    expect(after).toEqual(NONE);
    expect(onDisk(path, birthDates)).toEqual(NONE);
    expect(onDisk(path, accounts)).toEqual(NONE);
    // The kept bookings are intact, and the statistics rows stay.
    expect(repo.byCode('NEW000007')?.fullName).toBe('Keepable Person 00007');
    expect(db.prepare("SELECT count(*) AS n FROM bookings WHERE code LIKE 'OLD%'").get()).toEqual({
      n: old.length,
    });
    db.close();
    expect(onDisk(path, names)).toEqual(NONE);
  });

  it('a folder erased before secure_delete existed is rewritten once on upgrade, leaving no erased name', () => {
    const dir = tempDir('erase-upgrade', onTestFinished);
    const path = join(dir, 'giliran.db');
    // Schema 1 as the previous release wrote it: no secure_delete, erasure by UPDATE only.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    migrate(old, [migration001]);
    const insert = old.prepare(
      `INSERT INTO bookings (code, nik_hmac, masked_nik, full_name, birth_date, application_type, office_code,
         arrival_date, window_start, window_end, payment_status, account_id, imported_at, updated_at)
       VALUES (?, 'h', 'm', ?, '1931-01-01', 'baru', 'DPS', '2026-09-01', '09:00', '10:00', 'paid', ?, 0, 0)`,
    );
    old.transaction(() => {
      for (let i = 0; i < 1_000; i++)
        insert.run(`OLD${i}`, `Quorvex Erasable ${String(i).padStart(5, '0')}`, `ACC${i}`);
    })();
    old.exec(
      `UPDATE bookings SET full_name = '', masked_nik = '', nik_hmac = '', birth_date = '', erased_at = 1`,
    );
    old.close();
    expect(onDisk(path, /Quorvex Erasable \d{5}/).distinct).toBeGreaterThan(0);

    const db = openDatabase(path);
    expect(vacuumOnceForSecureDelete(db)).toBe(true);
    expect(vacuumOnceForSecureDelete(db)).toBe(false); // once only
    db.close();
    expect(onDisk(path, /Quorvex Erasable \d{5}/)).toEqual(NONE);
  });
});
