import type { Db } from '../store/database.ts';

/** Shipped rows are kept this long (to look into what was sent), then deleted. */
export const SHIPPED_KEEP_DAYS = 7;
/** Rows deleted per step; steps yield to the event loop in between. */
export const PRUNE_CHUNK = 1000;

/**
 * Deletes one chunk of old outbox rows: those created before `cutoff`, and, when `onlyShipped`,
 * only rows central has stored. Shipped rows are always the oldest (shipping goes in seq order), so
 * the candidates are a prefix of the table: one indexed read of at most a chunk, never a scan of the
 * backlog. Returns the number deleted; a full chunk means there may be more.
 */
export function pruneOutboxChunk(db: Db, cutoff: number, onlyShipped: boolean): number {
  const firstUnshipped = onlyShipped
    ? ((db.prepare('SELECT MIN(seq) AS s FROM outbox WHERE shipped_at IS NULL').get() as { s: number | null })
        .s ?? Number.MAX_SAFE_INTEGER)
    : Number.MAX_SAFE_INTEGER;
  const rows = db
    .prepare('SELECT seq, created_at FROM outbox WHERE seq < ? ORDER BY seq LIMIT ?')
    .all(firstUnshipped, PRUNE_CHUNK) as { seq: number; created_at: number }[];
  let last = -1;
  for (const r of rows) {
    if (r.created_at >= cutoff) break;
    last = r.seq;
  }
  if (last < 0) return 0;
  return db.prepare('DELETE FROM outbox WHERE seq <= ?').run(last).changes;
}
