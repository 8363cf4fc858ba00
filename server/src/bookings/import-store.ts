import type { ImportCounts } from '@giliran/shared';
import type { Db } from '../store/database.ts';
import type { BookingValues } from './booking-repo.ts';

export type ImportStatus = 'staging' | 'committed' | 'applied' | 'discarded';

/**
 * Staged rows an abandoned import (its process died) may keep before anyone clears them. Measured
 * on the machine's clock (`touched_at`, a liveness mark), not the office clock a demo may shift.
 */
const STALE_STAGING_MS = 10 * 60_000;

/** The stored columns of a booking, in the order a staged batch carries them (`stagedBatch`). */
const COLUMNS = [
  ['code', 'code'],
  ['nik_hmac', 'nikHmac'],
  ['masked_nik', 'maskedNik'],
  ['full_name', 'fullName'],
  ['birth_date', 'birthDate'],
  ['application_type', 'applicationType'],
  ['office_code', 'officeCode'],
  ['arrival_date', 'arrivalDate'],
  ['window_start', 'windowStart'],
  ['window_end', 'windowEnd'],
  ['payment_status', 'paymentStatus'],
  ['account_id', 'accountId'],
] as const satisfies readonly (readonly [string, keyof BookingValues])[];

const COLUMN_LIST = COLUMNS.map(([c]) => c).join(', ');

/**
 * A batch of rows as one JSON text (arrays in `COLUMNS` order): built where the file is read (the
 * import worker), staged by SQLite in one statement, so the event loop does no per-row work.
 */
export function stagedBatch(rows: readonly BookingValues[]): string {
  return JSON.stringify(rows.map((r) => COLUMNS.map(([, k]) => r[k])));
}

/** The rule for "this import changes nothing in that booking", once, for the counts and the upsert. */
const same = (stored: string, incoming: string) =>
  `(${COLUMNS.map(([c]) => `${stored}.${c} = ${incoming}.${c}`).join(' AND ')} AND ${stored}.erased_at IS NULL)`;

/**
 * The durable side of a booking import, in short transactions so neither the server nor the CLI
 * beside it holds the database for long:
 *
 * 1. `begin` → batches are `stage`d into `import_staging`, invisible to check-in;
 * 2. `commit` is the one moment the import counts: a single row update;
 * 3. `applyChunk` moves staged rows into `bookings` a chunk at a time (set-based SQL), oldest
 *    import first. After a crash a committed import is rolled forward by whoever opens the database
 *    next, so an accepted file is applied whole, a rejected one not at all.
 *
 * Staging and applying commit with `synchronous=NORMAL` (no fsync each, which on a busy disk is
 * what holds the event loop): losing them in a power cut loses nothing, because staged rows count
 * only from the commit point, which is written FULL (its fsync also makes every staged row before it
 * durable), and an applied chunk that is lost takes its removal from staging with it, so it is
 * applied again. Queue commands keep FULL.
 */
export class ImportStore {
  constructor(private readonly db: Db) {}

  /** One write transaction without its own fsync (see above); the connection's setting comes back. */
  private unsynced<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(fn)(); // part of a larger one (importAll)
    const before = this.db.pragma('synchronous', { simple: true }) as number;
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.db.transaction(fn).immediate();
    } finally {
      this.db.pragma(`synchronous = ${before}`);
    }
  }

  /** `now` (office clock) becomes the bookings' `imported_at` / `updated_at`. */
  begin(source: string, now: number): number {
    return Number(
      this.db
        .prepare(`INSERT INTO imports (source, status, started_at, touched_at) VALUES (?, 'staging', ?, ?)`)
        .run(source, now, Date.now()).lastInsertRowid,
    );
  }

  /** Stages a batch (`stagedBatch`) as seq `firstSeq…` of import `id`, in one short transaction. */
  stage(id: number, firstSeq: number, batch: string): void {
    this.unsynced(() => {
      this.db
        .prepare(
          `INSERT INTO import_staging (import_id, seq, ${COLUMN_LIST})
           SELECT ?, ? + key, ${COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?)`,
        )
        .run(id, firstSeq, batch);
      this.db.prepare('UPDATE imports SET touched_at = ? WHERE id = ?').run(Date.now(), id);
    });
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
    return this.unsynced(() => {
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
    });
  }

  /**
   * Applies up to `limit` staged rows of the oldest committed import, in one short transaction:
   * new bookings inserted, changed ones updated in place (an erased one comes back), the same ones
   * untouched. Null when no import waits. Safe to run from two processes at once (each chunk takes
   * the rows it deletes inside its own write transaction).
   */
  applyChunk(limit: number): { importId: number; finished: boolean } | null {
    return this.unsynced(() => {
      const imp = this.db
        .prepare(`SELECT id, started_at FROM imports WHERE status = 'committed' ORDER BY id LIMIT 1`)
        .get() as { id: number; started_at: number } | undefined;
      if (!imp) return null;
      const chunk = this.db
        .prepare(
          `SELECT count(*) AS n, max(seq) AS last FROM
             (SELECT seq FROM import_staging WHERE import_id = ? ORDER BY seq LIMIT ?)`,
        )
        .get(imp.id, limit) as { n: number; last: number | null };
      const counts = this.db
        .prepare(
          `SELECT coalesce(sum(b.code IS NULL), 0) AS inserted,
             coalesce(sum(b.code IS NOT NULL AND NOT ${same('b', 's')}), 0) AS updated,
             coalesce(sum(b.code IS NOT NULL AND ${same('b', 's')}), 0) AS unchanged
           FROM import_staging s LEFT JOIN bookings b ON b.code = s.code
           WHERE s.import_id = ? AND s.seq <= ?`,
        )
        .get(imp.id, chunk.last ?? -1) as ImportCounts;
      this.db
        .prepare(
          `INSERT INTO bookings (${COLUMN_LIST}, imported_at, updated_at)
           SELECT ${COLUMN_LIST}, @at, @at FROM import_staging WHERE import_id = @id AND seq <= @last ORDER BY seq
           ON CONFLICT (code) DO UPDATE SET
             ${COLUMNS.map(([c]) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at, erased_at = NULL
           WHERE NOT ${same('bookings', 'excluded')}`,
        )
        .run({ id: imp.id, last: chunk.last ?? -1, at: imp.started_at });
      this.db
        .prepare('DELETE FROM import_staging WHERE import_id = ? AND seq <= ?')
        .run(imp.id, chunk.last ?? -1);
      const finished = chunk.n < limit;
      const at = Date.now();
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
          at,
          finished ? 1 : 0,
          finished ? 1 : 0,
          at,
          imp.id,
        );
      return { importId: imp.id, finished };
    });
  }

  /**
   * A small set of rows imported at once, in one transaction (the demo's day, tests): the same
   * staging and the same upsert rule as a file.
   */
  importAll(rows: readonly BookingValues[], now: number): ImportCounts {
    return this.db
      .transaction(() => {
        const id = this.begin('direct', now);
        this.db
          .prepare(
            `INSERT INTO import_staging (import_id, seq, ${COLUMN_LIST})
             SELECT ?, key, ${COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?)`,
          )
          .run(id, stagedBatch(rows));
        this.commit(id, rows.length);
        for (;;) {
          const applied = this.applyChunk(rows.length + 1);
          if (!applied || (applied.importId === id && applied.finished)) break;
        }
        return this.status(id).counts;
      })
      .immediate();
  }

  status(id: number): { status: ImportStatus; counts: ImportCounts } {
    const r = this.db
      .prepare('SELECT status, inserted, updated, unchanged FROM imports WHERE id = ?')
      .get(id) as {
      status: ImportStatus;
      inserted: number;
      updated: number;
      unchanged: number;
    };
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
