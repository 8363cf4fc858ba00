import { bookingFromRow, type Booking, type BookingRow, type ImportCounts } from '@giliran/shared';
import type { Db } from '../store/database.ts';
import { nikHmac } from '../auth/secrets.ts';
import { truncateWal } from '../store/scrub.ts';
import { ImportStore } from './import-store.ts';

interface BookingDbRow {
  code: string;
  masked_nik: string;
  full_name: string;
  birth_date: string;
  application_type: Booking['applicationType'];
  office_code: string;
  arrival_date: string;
  window_start: string;
  window_end: string;
  payment_status: Booking['paymentStatus'];
  account_id: string;
}

/** A booking as stored (NIK hashed and masked), named as the SQL parameters are. */
export type BookingValues = Booking & { nikHmac: string };

/** What is stored of an imported row (also computed in the import worker, which has no database). */
export function bookingValues(r: BookingRow, secret: Buffer): BookingValues {
  return { ...bookingFromRow(r), nikHmac: nikHmac(secret, r.nik) };
}

function toBooking(r: BookingDbRow): Booking {
  return {
    code: r.code,
    maskedNik: r.masked_nik,
    fullName: r.full_name,
    birthDate: r.birth_date,
    applicationType: r.application_type,
    officeCode: r.office_code,
    arrivalDate: r.arrival_date,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    paymentStatus: r.payment_status,
    accountId: r.account_id,
  };
}

/**
 * Bookings live only in SQLite (never cached), so a file imported by the CLI while the server runs
 * is seen by the very next check-in. NIKs are kept as HMAC + masked form only.
 */
export class BookingRepo {
  constructor(
    private readonly db: Db,
    private readonly secret: Buffer,
  ) {}

  byCode(code: string): Booking | null {
    const r = this.db.prepare('SELECT * FROM bookings WHERE code = ? AND erased_at IS NULL').get(code) as
      BookingDbRow | undefined;
    return r ? toBooking(r) : null;
  }

  /** Bookings of a NIK, today's first, then by date (most recent first). */
  byNik(nik: string, today: string): Booking[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM bookings WHERE nik_hmac = ? AND erased_at IS NULL
         ORDER BY arrival_date = ? DESC, arrival_date DESC, window_start LIMIT 20`,
      )
      .all(nikHmac(this.secret, nik), today) as BookingDbRow[];
    return rows.map(toBooking);
  }

  /** The other bookings of the same M-Paspor account on the same date (a family, up to 5). */
  family(b: Booking): Booking[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM bookings WHERE account_id = ? AND arrival_date = ? AND erased_at IS NULL
         ORDER BY window_start, code LIMIT 10`,
      )
      .all(b.accountId, b.arrivalDate) as BookingDbRow[];
    return rows.map(toBooking);
  }

  /**
   * A date's bookings for the capacity planner, without personal data (names and NIKs stay here);
   * at most `limit` of them.
   */
  forDate(date: string, limit: number): Booking[] {
    const rows = this.db
      .prepare(
        `SELECT code, application_type, office_code, arrival_date, window_start, window_end, payment_status,
           account_id FROM bookings WHERE arrival_date = ? AND erased_at IS NULL ORDER BY window_start, code LIMIT ?`,
      )
      .all(date, limit) as Omit<BookingDbRow, 'masked_nik' | 'full_name' | 'birth_date'>[];
    return rows.map((r) => toBooking({ ...r, masked_nik: '', full_name: '', birth_date: '' }));
  }

  /** What is stored of an imported row: the NIK only as HMAC and masked form. */
  valuesOf(r: BookingRow): BookingValues {
    return bookingValues(r, this.secret);
  }

  /** Inserts or updates in place all rows in one transaction (the demo's day; files go through import-bookings). */
  upsertAll(rows: readonly BookingRow[], now: number): ImportCounts {
    return new ImportStore(this.db).importAll(
      rows.map((r) => this.valuesOf(r)),
      now,
    );
  }

  /**
   * Retention: erases personal fields (name, masked NIK, NIK hash, birth date, account) of
   * bookings older than `beforeDate`; the rows stay for statistics. With `secure_delete` on, the
   * old values are zeroed in the pages; the WAL is then truncated so no older page image keeps them
   * (retried by `scrubErased` while a reader holds the WAL).
   */
  erasePersonalDataBefore(beforeDate: string, now: number): number {
    const erased = this.db
      .prepare(
        `UPDATE bookings SET full_name = '', masked_nik = '', nik_hmac = '', birth_date = '', account_id = '',
           erased_at = ?
         WHERE arrival_date < ? AND erased_at IS NULL`,
      )
      .run(now, beforeDate).changes;
    if (erased) this.erasedInWal = true;
    this.scrubErased();
    return erased;
  }

  /** True while erased values may still sit in old WAL frames. */
  private erasedInWal = false;

  /** Truncates the WAL if erased values may be in it; false while that is still pending. */
  scrubErased(): boolean {
    if (this.erasedInWal) this.erasedInWal = !truncateWal(this.db);
    return !this.erasedInWal;
  }
}
