import type { Migration } from './index.ts';

/**
 * The outbox for central reporting: one row per queue event, appended in the same transaction as
 * the change it describes. `seq` is AUTOINCREMENT so it is never reused, even after old rows are
 * pruned (central deduplicates on office code + seq: a reused seq would be taken for a duplicate).
 * `payload` holds no personal data (see shared/src/central.ts).
 */
export const migration003: Migration = {
  version: 3,
  name: 'outbox for central reporting',
  sql: `
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      office_code TEXT NOT NULL,
      type TEXT NOT NULL,
      day TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      shipped_at INTEGER
    ) STRICT;
    CREATE INDEX outbox_unshipped ON outbox (seq) WHERE shipped_at IS NULL;
  `,
};
