import { eventPayloadSchema, type IngestBatch, type IngestResult } from '@giliran/shared';
import { inTransaction, type Pool } from './db.ts';
import { ensureMonthPartitions, partitionMonths } from './partitions.ts';
import { rollupStatement } from './rollup.ts';

/** The office a token belongs to, as established by `authenticateOffice`. */
export interface OfficeIdentity {
  id: number;
  code: string;
}

/** The rows of one batch, column by column (sent as arrays: one INSERT for the whole batch). */
interface Columns {
  day: string[];
  seq: number[];
  type: string[];
  at: number[];
  payload: string[];
  problem: (string | null)[];
}

/**
 * Known types are validated against their payload schema (unknown keys dropped: central keeps no
 * field it was not meant to get); one that fails is stored with its problem and left out of the
 * rollups, so one bad event never blocks an office's outbox. Unknown types are stored as they came.
 */
export function toColumns(batch: IngestBatch): Columns {
  const c: Columns = { day: [], seq: [], type: [], at: [], payload: [], problem: [] };
  for (const e of batch.events) {
    const schema = eventPayloadSchema(e.type);
    const parsed = schema?.safeParse(e.payload);
    c.day.push(e.day);
    c.seq.push(e.seq);
    c.type.push(e.type);
    c.at.push(e.at);
    c.payload.push(JSON.stringify(parsed?.success ? parsed.data : e.payload));
    c.problem.push(
      parsed && !parsed.success
        ? parsed.error.issues
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')
            .slice(0, 500)
        : null,
    );
  }
  return c;
}

const INGEST_SQL = rollupStatement(
  `ins AS (
    INSERT INTO events (office_id, day, seq, type, at, payload, problem)
    SELECT $1, u.day, u.seq, u.type, to_timestamp(u.at / 1000.0), u.payload, u.problem
    FROM unnest($2::date[], $3::bigint[], $4::text[], $5::float8[], $6::jsonb[], $7::text[])
      AS u(day, seq, type, at, payload, problem)
    ON CONFLICT DO NOTHING
    RETURNING office_id, day, seq, type, at, payload, problem
  ),
  src AS (SELECT * FROM ins)`,
  `SELECT (SELECT count(*) FROM ins)::int AS accepted,
     (SELECT count(*) FROM ins WHERE problem IS NOT NULL)::int AS invalid`,
);

/**
 * Stores a batch in one transaction: the events new to central and their rollup counts together.
 * Idempotent and order-independent: an event already stored (same office, day and seq) is skipped
 * and counted as a duplicate. Batches of one office take turns on its row (no deadlocks between
 * their rollup updates); batches of different offices run side by side.
 */
export async function ingestBatch(
  pool: Pool,
  office: OfficeIdentity,
  batch: IngestBatch,
): Promise<IngestResult> {
  const cols = toColumns(batch);
  await ensureMonthPartitions(pool, cols.day);
  const maxSeq = Math.max(...cols.seq);
  const maxAt = Math.max(...cols.at);
  return inTransaction(pool, async (db) => {
    // The office's time zone first: the rollups read it to place each event in its local hour.
    await db.query(
      `UPDATE offices SET time_zone = $2, last_received_at = now(), max_seq = greatest(max_seq, $3),
         last_event_at = greatest(last_event_at, to_timestamp($4 / 1000.0))
       WHERE id = $1`,
      [office.id, batch.timeZone, maxSeq, maxAt],
    );
    const { rows } = await db.query<{ accepted: number; invalid: number }>(INGEST_SQL, [
      office.id,
      cols.day,
      cols.seq,
      cols.type,
      cols.at,
      cols.payload,
      cols.problem,
    ]);
    const accepted = rows[0]?.accepted ?? 0;
    if (accepted)
      await db.query('UPDATE offices SET events_received = events_received + $2 WHERE id = $1', [
        office.id,
        accepted,
      ]);
    return { accepted, duplicates: batch.events.length - accepted, invalid: rows[0]?.invalid ?? 0 };
  });
}

/**
 * Recomputes every rollup from the stored events (after a change to what they count, or a repair),
 * a month at a time, in one transaction: readers see the old counts until it commits.
 */
export async function rebuildRollups(pool: Pool): Promise<void> {
  await inTransaction(pool, async (db) => {
    await db.query('SET LOCAL statement_timeout = 0'); // a year of events takes minutes
    await db.query('TRUNCATE office_stats, office_hour_stats, office_wait_hist, office_survey_stats');
    for (const m of await partitionMonths(pool)) {
      await db.query(
        rollupStatement(
          `src AS (SELECT office_id, day, seq, type, at, payload, problem FROM events
             WHERE day >= $1::date AND day < ($1::date + interval '1 month'))`,
          'SELECT 1',
        ),
        [m],
      );
    }
  });
}
