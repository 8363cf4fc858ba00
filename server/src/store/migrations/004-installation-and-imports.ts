import type { Migration } from './index.ts';

/**
 * `installation`: facts about the data folder itself. `mode` is `demo` (scripts/demo.sh: demo
 * officers, devices and bookings) or `production`, decided once by the first start or command and
 * never changed, so a real office's folder never receives demo data. A folder from before is
 * `demo` when the demo devices are in it (earlier releases seeded the demo by default), `production` when
 * it holds anything else, undecided when empty.
 *
 * `imports` and `import_staging`: a booking import is checked whole, staged in short transactions
 * (invisible to check-in), committed by one row update, then applied in short transactions, so a
 * 50 MB file never holds the database for seconds and a rejected file changes no booking.
 */
export const migration004: Migration = {
  version: 4,
  name: 'installation mode; staged booking imports',
  sql: `
    CREATE TABLE installation (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    INSERT INTO installation (key, value)
      SELECT 'mode', 'demo' WHERE EXISTS (SELECT 1 FROM devices WHERE id LIKE 'demo-%');
    INSERT OR IGNORE INTO installation (key, value)
      SELECT 'mode', 'production'
      WHERE EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM devices) OR EXISTS (SELECT 1 FROM bookings);
    -- A folder without bookings has no freed personal data for the one-time VACUUM (store/scrub.ts).
    INSERT INTO installation (key, value)
      SELECT 'secure_delete_vacuum', 'not needed' WHERE NOT EXISTS (SELECT 1 FROM bookings);

    CREATE TABLE imports (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      source TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('staging', 'committed', 'applied', 'discarded')),
      rows INTEGER NOT NULL DEFAULT 0,
      inserted INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      unchanged INTEGER NOT NULL DEFAULT 0,
      started_at INTEGER NOT NULL,
      touched_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;

    CREATE TABLE import_staging (
      import_id INTEGER NOT NULL REFERENCES imports (id),
      seq INTEGER NOT NULL,
      code TEXT NOT NULL,
      nik_hmac TEXT NOT NULL,
      masked_nik TEXT NOT NULL,
      full_name TEXT NOT NULL,
      birth_date TEXT NOT NULL,
      application_type TEXT NOT NULL,
      office_code TEXT NOT NULL,
      arrival_date TEXT NOT NULL,
      window_start TEXT NOT NULL,
      window_end TEXT NOT NULL,
      payment_status TEXT NOT NULL,
      account_id TEXT NOT NULL,
      PRIMARY KEY (import_id, seq)
    ) STRICT;
  `,
};
