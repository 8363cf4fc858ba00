-- Central reporting: offices and their tokens, viewers, every event as it came, and rollups.

CREATE TABLE offices (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2,6}$'),
  name text NOT NULL,
  -- The regional office (Kantor Wilayah) it reports to: regional viewers see their region only.
  region text NOT NULL,
  -- The office's own configuration is the authority: every batch says it again.
  time_zone text NOT NULL DEFAULT 'Asia/Jakarta',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_received_at timestamptz,
  last_event_at timestamptz,
  max_seq bigint NOT NULL DEFAULT 0,
  events_received bigint NOT NULL DEFAULT 0
);

-- Only the SHA-256 of a token is stored; a revoked token is refused at once.
CREATE TABLE office_tokens (
  id serial PRIMARY KEY,
  office_id int NOT NULL REFERENCES offices (id),
  token_hash text NOT NULL UNIQUE,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE viewers (
  username text PRIMARY KEY CHECK (username ~ '^[a-z0-9._-]{3,32}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('regional', 'directorate')),
  region text,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  CHECK ((role = 'regional') = (region IS NOT NULL))
);

CREATE TABLE viewer_sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES viewers (username),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

-- Every event as the office sent it, one partition per month of the office day (created on
-- ingest). A resent event carries its original day, so (office, day, seq) identifies it: ingest
-- is idempotent on the office's seq. `problem` marks a known type whose payload did not validate:
-- kept, but left out of the rollups.
CREATE TABLE events (
  office_id int NOT NULL,
  day date NOT NULL,
  seq bigint NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  problem text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_id, day, seq)
) PARTITION BY RANGE (day);

-- Rollups, maintained at ingest in the same transaction as the events they count, additive (so the
-- order batches arrive in does not matter), at two grains: 'd' a day, 'm' a month (period = the
-- 1st). A range is read from whole months plus the days at its ends: a year is 12 rows per office.

CREATE TABLE office_stats (
  grain char(1) NOT NULL CHECK (grain IN ('d', 'm')),
  office_id int NOT NULL REFERENCES offices (id),
  period date NOT NULL,
  events int NOT NULL DEFAULT 0,
  issued int NOT NULL DEFAULT 0,
  issued_booked int NOT NULL DEFAULT 0,
  issued_priority int NOT NULL DEFAULT 0,
  -- Calls at a ticket's first stage, and their waits since check-in.
  first_calls int NOT NULL DEFAULT 0,
  first_wait_ms bigint NOT NULL DEFAULT 0,
  -- Calls at every stage, and their waits since the ticket reached that stage.
  calls int NOT NULL DEFAULT 0,
  wait_ms bigint NOT NULL DEFAULT 0,
  served int NOT NULL DEFAULT 0,
  service_count int NOT NULL DEFAULT 0,
  service_ms bigint NOT NULL DEFAULT 0,
  -- No-shows minus reinstated ones.
  no_shows int NOT NULL DEFAULT 0,
  recalls int NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, office_id, period)
);
CREATE INDEX office_stats_by_period ON office_stats (grain, period);

CREATE TABLE office_hour_stats (
  grain char(1) NOT NULL CHECK (grain IN ('d', 'm')),
  office_id int NOT NULL REFERENCES offices (id),
  period date NOT NULL,
  -- Office-local hour 0–23.
  hour smallint NOT NULL,
  issued int NOT NULL DEFAULT 0,
  first_calls int NOT NULL DEFAULT 0,
  first_wait_ms bigint NOT NULL DEFAULT 0,
  served int NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, office_id, period, hour)
);
-- Covering: a range is read from the index alone.
CREATE INDEX office_hour_stats_by_period ON office_hour_stats (grain, period)
  INCLUDE (office_id, hour, issued, first_calls, first_wait_ms, served);

-- First-stage waits in 5-minute buckets (0 = under 5 min … 47 = 235 min or more): medians and p90.
CREATE TABLE office_wait_hist (
  grain char(1) NOT NULL CHECK (grain IN ('d', 'm')),
  office_id int NOT NULL REFERENCES offices (id),
  period date NOT NULL,
  bucket smallint NOT NULL CHECK (bucket BETWEEN 0 AND 47),
  tickets int NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, office_id, period, bucket)
);
CREATE INDEX office_wait_hist_by_period ON office_wait_hist (grain, period) INCLUDE (office_id, bucket, tickets);

-- SKM/IKM answers: per element (1–9) the number of answers and the sum of their 1–4 scores.
CREATE TABLE office_survey_stats (
  grain char(1) NOT NULL CHECK (grain IN ('d', 'm')),
  office_id int NOT NULL REFERENCES offices (id),
  period date NOT NULL,
  element smallint NOT NULL CHECK (element BETWEEN 1 AND 9),
  responses int NOT NULL DEFAULT 0,
  score_sum int NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, office_id, period, element)
);
CREATE INDEX office_survey_stats_by_period ON office_survey_stats (grain, period)
  INCLUDE (office_id, element, responses, score_sum);
