/**
 * What the rollups count, written once: a statement that adds the events of `source` (a SELECT or
 * a CTE with the columns office_id, day, seq, type, at, payload, problem) to every rollup table.
 * Ingest runs it on the rows it has just inserted (in the same statement, so the counts and the
 * events commit together); a rebuild runs it on the stored events. The upserts only add, so the
 * order of batches does not matter and a duplicate (never inserted) adds nothing.
 */

/** Wait-histogram bucket width: 5 minutes. */
export const WAIT_BUCKET_MS = 300_000;
/** Buckets 0…47; the last one holds every wait of 235 minutes or more. */
export const WAIT_BUCKETS = 48;

export const SURVEY_ELEMENTS = 9;

/**
 * `WITH <ctes>, ok AS …, g AS …, stats AS (INSERT …), hours AS (INSERT …), waits AS (INSERT …),
 * survey AS (INSERT …) SELECT …`: `ctes` defines `src`; the final SELECT is the caller's.
 */
export function rollupStatement(ctes: string, finalSelect: string): string {
  return `
WITH ${ctes},
ok AS (
  -- Fields are read only from the types whose payloads ingest validated (CASE fixes the order).
  SELECT s.office_id, s.day, s.type,
    extract(hour FROM s.at AT TIME ZONE o.time_zone)::smallint AS hour,
    CASE WHEN s.type LIKE 'ticket.%' THEN (s.payload->>'stageIndex')::int END AS stage_index,
    CASE WHEN s.type LIKE 'ticket.%' THEN (s.payload->>'durationMs')::bigint END AS duration_ms,
    CASE WHEN s.type = 'ticket.issued' THEN coalesce((s.payload->>'booked')::boolean, false) ELSE false END AS booked,
    CASE WHEN s.type = 'ticket.issued' THEN coalesce((s.payload->>'priority')::boolean, false) ELSE false END AS priority,
    CASE WHEN s.type = 'survey.answered' THEN s.payload->'answers' ELSE '[]'::jsonb END AS answers
  FROM src s JOIN offices o ON o.id = s.office_id
  WHERE s.problem IS NULL
),
g AS (
  SELECT 'd'::char(1) AS grain, ok.*, ok.day AS period FROM ok
  UNION ALL
  SELECT 'm'::char(1), ok.*, date_trunc('month', ok.day)::date FROM ok
),
stats AS (
  INSERT INTO office_stats AS t (grain, office_id, period, events, issued, issued_booked, issued_priority,
    first_calls, first_wait_ms, calls, wait_ms, served, service_count, service_ms, no_shows, recalls)
  SELECT grain, office_id, period,
    count(*),
    count(*) FILTER (WHERE type = 'ticket.issued'),
    count(*) FILTER (WHERE booked),
    count(*) FILTER (WHERE priority),
    count(*) FILTER (WHERE type = 'ticket.called' AND stage_index = 0 AND duration_ms IS NOT NULL),
    coalesce(sum(duration_ms) FILTER (WHERE type = 'ticket.called' AND stage_index = 0), 0),
    count(*) FILTER (WHERE type = 'ticket.called' AND duration_ms IS NOT NULL),
    coalesce(sum(duration_ms) FILTER (WHERE type = 'ticket.called'), 0),
    count(*) FILTER (WHERE type = 'ticket.completed'),
    count(*) FILTER (WHERE type IN ('ticket.completed', 'ticket.transferred') AND duration_ms IS NOT NULL),
    coalesce(sum(duration_ms) FILTER (WHERE type IN ('ticket.completed', 'ticket.transferred')), 0),
    count(*) FILTER (WHERE type = 'ticket.no_show') - count(*) FILTER (WHERE type = 'ticket.reinstated'),
    count(*) FILTER (WHERE type = 'ticket.recalled')
  FROM g GROUP BY grain, office_id, period
  ON CONFLICT (grain, office_id, period) DO UPDATE SET
    events = t.events + excluded.events,
    issued = t.issued + excluded.issued,
    issued_booked = t.issued_booked + excluded.issued_booked,
    issued_priority = t.issued_priority + excluded.issued_priority,
    first_calls = t.first_calls + excluded.first_calls,
    first_wait_ms = t.first_wait_ms + excluded.first_wait_ms,
    calls = t.calls + excluded.calls,
    wait_ms = t.wait_ms + excluded.wait_ms,
    served = t.served + excluded.served,
    service_count = t.service_count + excluded.service_count,
    service_ms = t.service_ms + excluded.service_ms,
    no_shows = t.no_shows + excluded.no_shows,
    recalls = t.recalls + excluded.recalls
  RETURNING 1
),
hours AS (
  INSERT INTO office_hour_stats AS t (grain, office_id, period, hour, issued, first_calls, first_wait_ms, served)
  SELECT grain, office_id, period, hour,
    count(*) FILTER (WHERE type = 'ticket.issued'),
    count(*) FILTER (WHERE type = 'ticket.called' AND stage_index = 0 AND duration_ms IS NOT NULL),
    coalesce(sum(duration_ms) FILTER (WHERE type = 'ticket.called' AND stage_index = 0), 0),
    count(*) FILTER (WHERE type = 'ticket.completed')
  FROM g WHERE type IN ('ticket.issued', 'ticket.called', 'ticket.completed')
  GROUP BY grain, office_id, period, hour
  ON CONFLICT (grain, office_id, period, hour) DO UPDATE SET
    issued = t.issued + excluded.issued,
    first_calls = t.first_calls + excluded.first_calls,
    first_wait_ms = t.first_wait_ms + excluded.first_wait_ms,
    served = t.served + excluded.served
  RETURNING 1
),
waits AS (
  INSERT INTO office_wait_hist AS t (grain, office_id, period, bucket, tickets)
  SELECT grain, office_id, period, least(duration_ms / ${WAIT_BUCKET_MS}, ${WAIT_BUCKETS - 1})::smallint, count(*)
  FROM g WHERE type = 'ticket.called' AND stage_index = 0 AND duration_ms IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (grain, office_id, period, bucket) DO UPDATE SET tickets = t.tickets + excluded.tickets
  RETURNING 1
),
survey AS (
  INSERT INTO office_survey_stats AS t (grain, office_id, period, element, responses, score_sum)
  SELECT g.grain, g.office_id, g.period, e.i::smallint, count(*), sum(e.v::int)
  FROM g, jsonb_array_elements_text(g.answers) WITH ORDINALITY AS e(v, i)
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (grain, office_id, period, element) DO UPDATE SET
    responses = t.responses + excluded.responses,
    score_sum = t.score_sum + excluded.score_sum
  RETURNING 1
)
${finalSelect}`;
}

/** Every rollup table (a rebuild empties them first). */
export const ROLLUP_TABLES = ['office_stats', 'office_hour_stats', 'office_wait_hist', 'office_survey_stats'];
