import type { ImportCounts } from '@giliran/shared';
import type { Db } from '../store/database.ts';
import type { BookingRepo, BookingValues } from './booking-repo.ts';

export type ImportStatus = 'staging' | 'committed' | 'applied' | 'discarded';

/**
 * Staged rows an abandoned import (its process died) may keep before anyone clears them. Measured
 * on the machine's clock (`touched_at`, a liveness mark), not the office clock a demo may shift.
 */
const STALE_STAGING_MS = 10 * 60_000;

/**
 * The durable side of a booking import, in short transactions so neither the server nor the CLI
 * beside it holds the database for long:
 *
 * 1. `begin` → rows are `stage`d in chunks into `import_staging`, invisible to check-in;
 * 2. `commit` is the one moment the import counts: a single row update;
 * 3. `applyChunk` moves staged rows into `bookings` a chunk at a time, oldest import first. After a
 *    crash a committed import is rolled forward by whoever opens the database next
 *    (`applyChunk` until done), so an accepted file is applied whole, a rejected one not at all.
 */
export class ImportStore {
  constructor(
    private readonly db: Db,
    private readonly bookings: BookingRepo,
  ) {}

  /** `now` (office clock) becomes the bookings' `imported_at` / `updated_at`. */
  begin(source: string, now: number): number {
    return Number(
      this.db
        .prepare(`INSERT INTO imports (source, status, started_at, touched_at) VALUES (?, 'staging', ?, ?)`)
        .run(source, now, Date.now()).lastInsertRowid,
    );
  }

  /** Stages `rows` as seq `firstSeq…` of import `id`, in one short transaction. */
  stage(id: number, firstSeq: number, rows: readonly BookingValues[]): void {
    const insert = this.db.prepare(`
      INSERT INTO import_staging (import_id, seq, code, nik_hmac, masked_nik, full_name, birth_date,
        application_type, office_code, arrival_date, window_start, window_end, payment_status, account_id)
      VALUES (@id, @seq, @code, @nikHmac, @maskedNik, @fullName, @birthDate, @applicationType, @officeCode,
        @arrivalDate, @windowStart, @windowEnd, @paymentStatus, @accountId)`);
    this.db
      .transaction(() => {
        rows.forEach((r, k) => insert.run({ ...r, id, seq: firstSeq + k }));
        this.db.prepare('UPDATE imports SET touched_at = ? WHERE id = ?').run(Date.now(), id);
      })
      .immediate();
  }

  /**
   * The commit point: from here the import will be applied whole, even across a crash. False when
   * the import was cleared meanwhile as abandoned (nothing of it will be applied).
   */
  commit(id: number, rows: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE imports SET status = 'committed', rows = ?, touched_at = ? WHERE id = ? AND status = 'staging'`,
        )
        .run(rows, Date.now(), id).changes === 1
    );
  }

  /** Deletes up to `limit` staged rows of a rejected import; marks it discarded when none are left. */
  discardChunk(id: number, limit: number): boolean {
    return this.db
      .transaction(() => {
        const n = this.db
          .prepare(
            'DELETE FROM import_staging WHERE import_id = ? AND seq IN (SELECT seq FROM import_staging WHERE import_id = ? LIMIT ?)',
          )
          .run(id, id, limit).changes;
        if (n < limit)
          this.db
            .prepare(
              `UPDATE imports SET status = 'discarded', finished_at = ? WHERE id = ? AND status = 'staging'`,
            )
            .run(Date.now(), id);
        return n < limit;
      })
      .immediate();
  }

  /**
   * Applies up to `limit` staged rows of the oldest committed import, in one short transaction;
   * null when no import waits. Safe to run from two processes at once (each chunk takes the rows it
   * deletes inside its own write transaction).
   */
  applyChunk(limit: number): { importId: number; finished: boolean } | null {
    return this.db
      .transaction(() => {
        const imp = this.db
          .prepare(`SELECT id, started_at FROM imports WHERE status = 'committed' ORDER BY id LIMIT 1`)
          .get() as { id: number; started_at: number } | undefined;
        if (!imp) return null;
        const rows = this.db
          .prepare(
            `SELECT seq, code, nik_hmac AS nikHmac, masked_nik AS maskedNik, full_name AS fullName,
               birth_date AS birthDate, application_type AS applicationType, office_code AS officeCode,
               arrival_date AS arrivalDate, window_start AS windowStart, window_end AS windowEnd,
               payment_status AS paymentStatus, account_id AS accountId
             FROM import_staging WHERE import_id = ? ORDER BY seq LIMIT ?`,
          )
          .all(imp.id, limit) as (BookingValues & { seq: number })[];
        const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
        for (const { seq: _seq, ...v } of rows) counts[this.bookings.upsertValues(v, imp.started_at)]++;
        if (rows.length)
          this.db
            .prepare('DELETE FROM import_staging WHERE import_id = ? AND seq <= ?')
            .run(imp.id, (rows[rows.length - 1] as { seq: number }).seq);
        const finished = rows.length < limit;
        this.db
          .prepare(
            `UPDATE imports SET inserted = inserted + ?, updated = updated + ?, unchanged = unchanged + ?,
               touched_at = ?, status = CASE WHEN ? THEN 'applied' ELSE status END,
               finished_at = CASE WHEN ? THEN ? ELSE finished_at END
             WHERE id = ?`,
          )
          .run(
            counts.inserted,
            counts.updated,
            counts.unchanged,
            Date.now(),
            finished ? 1 : 0,
            finished ? 1 : 0,
            Date.now(),
            imp.id,
          );
        return { importId: imp.id, finished };
      })
      .immediate();
  }

  status(id: number): { status: ImportStatus; counts: ImportCounts } {
    const r = this.db
      .prepare('SELECT status, inserted, updated, unchanged FROM imports WHERE id = ?')
      .get(id) as { status: ImportStatus; inserted: number; updated: number; unchanged: number };
    return { status: r.status, counts: { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged } };
  }

  /** Imports whose process died while staging (no commit): their rows can go. */
  staleStaging(): number[] {
    return (
      this.db
        .prepare(`SELECT id FROM imports WHERE status = 'staging' AND touched_at < ?`)
        .all(Date.now() - STALE_STAGING_MS) as { id: number }[]
    ).map((r) => r.id);
  }
}
