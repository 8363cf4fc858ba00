import type { Pool } from './db.ts';
import { inTransaction } from './db.ts';

/** `2026-11-28` → `2026-11-01`. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** `2026-11-01` → `2026-12-01`. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** `2026-11-01` → `events_y2026m11`. */
export function partitionName(month: string): string {
  return `events_y${month.slice(0, 4)}m${month.slice(5, 7)}`;
}

const known = new Set<string>();

/**
 * Creates the monthly partitions of `events` that the given days fall in, once each. Creation takes
 * an advisory lock, so two services (or two batches) wanting the same new month take turns.
 */
export async function ensureMonthPartitions(pool: Pool, days: readonly string[]): Promise<void> {
  const months = [...new Set(days.map(monthOf))].filter((m) => !known.has(`${poolKey(pool)}:${m}`));
  for (const m of months) {
    await inTransaction(pool, async (db) => {
      await db.query("SELECT pg_advisory_xact_lock(hashtext('giliran-central-partitions'))");
      await db.query(
        `CREATE TABLE IF NOT EXISTS ${partitionName(m)} PARTITION OF events
         FOR VALUES FROM ('${m}') TO ('${nextMonth(m)}')`,
      );
    });
    known.add(`${poolKey(pool)}:${m}`);
  }
}

/** Months that have a partition, oldest first (`YYYY-MM-01`). */
export async function partitionMonths(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'events'::regclass ORDER BY 1`,
  );
  return rows
    .map((r) => /^events_y(\d{4})m(\d{2})$/.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}-${m[2]}-01`);
}

/** Partitions are per database: the cache is keyed by the pool it was filled through. */
const poolKeys = new WeakMap<Pool, number>();
let nextKey = 0;
function poolKey(pool: Pool): number {
  let k = poolKeys.get(pool);
  if (k === undefined) {
    k = nextKey++;
    poolKeys.set(pool, k);
  }
  return k;
}
