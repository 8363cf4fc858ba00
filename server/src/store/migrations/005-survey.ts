import type { Migration } from './index.ts';

/**
 * The SKM survey (PermenPANRB 14/2017) and its tablet.
 *
 * `survey_answers` holds the nine scores with the office day, the service, the band of the wait
 * the respondent had and the channel — no ticket, no number, no time of day. Its key is random and
 * the table has no rowid (`WITHOUT ROWID`), so not even the storage order says who answered when.
 *
 * `survey_respondents` is the one-answer-per-ticket rule, enforced by its primary key: the ticket
 * that answered, and nothing about what it answered. It is also WITHOUT ROWID, ordered by the
 * (random) ticket id, so the two tables cannot be paired by insertion order. Only today's tickets
 * can answer, so rows of past days are deleted at every day start (retention job).
 *
 * `devices` is rebuilt to let the `survey` role pair (SQLite cannot alter a CHECK constraint).
 */
export const migration005: Migration = {
  version: 5,
  name: 'survey answers; survey tablets',
  sql: `
    CREATE TABLE survey_answers (
      id TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      service_id TEXT NOT NULL,
      wait_band TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('phone', 'tablet')),
      u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),
      u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),
      u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),
      u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),
      u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),
      u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),
      u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),
      u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),
      u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX survey_answers_by_day ON survey_answers (day);

    CREATE TABLE survey_respondents (
      ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
      day TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX survey_respondents_by_day ON survey_respondents (day);

    CREATE TABLE devices_v5 (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('kiosk', 'board', 'survey')),
      token_hash TEXT NOT NULL UNIQUE,
      printer_uri TEXT,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER,
      last_seen INTEGER
    ) STRICT;
    INSERT INTO devices_v5 (id, name, role, token_hash, printer_uri, created_at, revoked_at, last_seen)
      SELECT id, name, role, token_hash, printer_uri, created_at, revoked_at, last_seen FROM devices;
    DROP TABLE devices;
    ALTER TABLE devices_v5 RENAME TO devices;
  `,
};
