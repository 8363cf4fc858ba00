import { bookingFromRow, type Booking, type BookingRow, type ImportCounts } from '@giliran/shared';
import type { Db } from '../store/database.ts';
import { nikHmac } from '../auth/secrets.ts';

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

  /** Inserts or updates in place (rescheduled, cancelled) all rows, in one transaction. */
  upsertAll(rows: readonly BookingRow[], now: number): ImportCounts {
    const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const get = this.db.prepare('SELECT * FROM bookings WHERE code = ?');
    const insert = this.db.prepare(`
      INSERT INTO bookings (code, nik_hmac, masked_nik, full_name, birth_date, application_type, office_code,
        arrival_date, window_start, window_end, payment_status, account_id, imported_at, updated_at)
      VALUES (@code, @nikHmac, @maskedNik, @fullName, @birthDate, @applicationType, @officeCode, @arrivalDate,
        @windowStart, @windowEnd, @paymentStatus, @accountId, @now, @now)`);
    const update = this.db.prepare(`
      UPDATE bookings SET nik_hmac = @nikHmac, masked_nik = @maskedNik, full_name = @fullName, birth_date = @birthDate,
        application_type = @applicationType, office_code = @officeCode, arrival_date = @arrivalDate,
        window_start = @windowStart, window_end = @windowEnd, payment_status = @paymentStatus,
        account_id = @accountId, updated_at = @now, erased_at = NULL
      WHERE code = @code`);
    this.db.transaction(() => {
      for (const r of rows) {
        const v = { ...bookingFromRow(r), nikHmac: nikHmac(this.secret, r.nik), now };
        const old = get.get(r.booking_code) as
          (BookingDbRow & { nik_hmac: string; erased_at: number | null }) | undefined;
        if (!old) {
          insert.run(v);
          counts.inserted++;
        } else if (
          old.nik_hmac === v.nikHmac &&
          old.full_name === v.fullName &&
          old.birth_date === v.birthDate &&
          old.application_type === v.applicationType &&
          old.office_code === v.officeCode &&
          old.arrival_date === v.arrivalDate &&
          old.window_start === v.windowStart &&
          old.window_end === v.windowEnd &&
          old.payment_status === v.paymentStatus &&
          old.account_id === v.accountId &&
          old.erased_at === null
        ) {
          counts.unchanged++;
        } else {
          update.run(v);
          counts.updated++;
        }
      }
    })();
    return counts;
  }

  /** Retention: erases personal fields of bookings older than `beforeDate`; statistics stay. */
  erasePersonalDataBefore(beforeDate: string, now: number): number {
    return this.db
      .prepare(
        `UPDATE bookings SET full_name = '', masked_nik = '', nik_hmac = '', birth_date = '', erased_at = ?
         WHERE arrival_date < ? AND erased_at IS NULL`,
      )
      .run(now, beforeDate).changes;
  }
}
