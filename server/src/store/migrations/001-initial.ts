import type { Migration } from './index.ts';

/** Bookings, tickets, counters, the audit log, officers, devices and their credentials. */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
    CREATE TABLE bookings (
      code TEXT PRIMARY KEY,
      nik_hmac TEXT NOT NULL,
      masked_nik TEXT NOT NULL,
      full_name TEXT NOT NULL,
      birth_date TEXT NOT NULL,
      application_type TEXT NOT NULL,
      office_code TEXT NOT NULL,
      arrival_date TEXT NOT NULL,
      window_start TEXT NOT NULL,
      window_end TEXT NOT NULL,
      payment_status TEXT NOT NULL CHECK (payment_status IN ('paid', 'unpaid', 'cancelled')),
      account_id TEXT NOT NULL,
      imported_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      erased_at INTEGER
    ) STRICT;
    CREATE INDEX bookings_by_nik ON bookings (nik_hmac);
    CREATE INDEX bookings_by_account ON bookings (account_id, arrival_date);
    CREATE INDEX bookings_by_date ON bookings (arrival_date);

    CREATE TABLE tickets (
      id TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      number TEXT NOT NULL,
      seq INTEGER NOT NULL,
      service_id TEXT NOT NULL,
      stage_index INTEGER NOT NULL,
      stage_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show')),
      priority INTEGER NOT NULL,
      group_id TEXT,
      booking_code TEXT REFERENCES bookings (code),
      application_type TEXT,
      checked_in_at INTEGER NOT NULL,
      effective_at INTEGER NOT NULL,
      waiting_since INTEGER NOT NULL,
      window_start INTEGER,
      window_end INTEGER,
      counter_id TEXT,
      called_at INTEGER,
      serving_since INTEGER,
      recalls INTEGER NOT NULL,
      track_token TEXT NOT NULL UNIQUE,
      note TEXT,
      UNIQUE (day, number),
      UNIQUE (day, booking_code)
    ) STRICT;
    CREATE INDEX tickets_by_day ON tickets (day);

    CREATE TABLE counters (
      counter_id TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      mode TEXT NOT NULL,
      stages TEXT NOT NULL,
      officer TEXT,
      ticket_ids TEXT NOT NULL
    ) STRICT;

    CREATE TABLE stage_streaks (
      day TEXT NOT NULL,
      stage_id TEXT NOT NULL,
      streak INTEGER NOT NULL,
      PRIMARY KEY (day, stage_id)
    ) STRICT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      day TEXT NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      ticket_id TEXT,
      ticket_number TEXT,
      counter_id TEXT,
      stage_id TEXT,
      duration_ms INTEGER,
      detail TEXT
    ) STRICT;
    CREATE INDEX audit_by_day ON audit_log (day, action);

    CREATE TABLE users (
      username TEXT PRIMARY KEY,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('counter', 'supervisor', 'admin')),
      password_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      disabled_at INTEGER
    ) STRICT;

    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      username TEXT NOT NULL REFERENCES users (username),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE devices (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('kiosk', 'board')),
      token_hash TEXT NOT NULL UNIQUE,
      printer_uri TEXT,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER,
      last_seen INTEGER
    ) STRICT;

    CREATE TABLE pairing_codes (
      code_hash TEXT PRIMARY KEY,
      role TEXT NOT NULL,
      name TEXT NOT NULL,
      printer_uri TEXT,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    ) STRICT;
  `,
};
