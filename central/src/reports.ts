import type { Pool } from './db.ts';
import { WAIT_BUCKETS } from './rollup.ts';
import {
  histogramPercentile,
  ikm,
  meanMinutes,
  rangeFrom,
  rangeParams,
  type Ikm,
  type WaitPercentile,
} from './stats.ts';

/**
 * The dashboard's queries. Each reads rollups only (never the events table), for a range of office
 * days and the offices a viewer may see (`region` null: all).
 */

export interface Scope {
  from: string;
  to: string;
  /** Only offices of this region; null for all. */
  region: string | null;
}

export interface Figures {
  issued: number;
  issuedBooked: number;
  issuedPriority: number;
  served: number;
  noShows: number;
  recalls: number;
  firstCalls: number;
  meanWaitMinutes: number | null;
  medianWait: WaitPercentile | null;
  p90Wait: WaitPercentile | null;
  meanServiceMinutes: number | null;
  ikm: Ikm | null;
}

export interface OfficeRow extends Figures {
  code: string;
  name: string;
  region: string;
  timeZone: string;
  lastReceivedAt: Date | null;
  lastEventAt: Date | null;
  eventsReceived: number;
}

interface StatsRow {
  issued: number;
  issued_booked: number;
  issued_priority: number;
  served: number;
  no_shows: number;
  recalls: number;
  first_calls: number;
  first_wait_ms: number;
  service_count: number;
  service_ms: number;
}

/** Sums of the stats columns of rollup rows `s`, each row times `sign` (a SQL expression). */
const sums = (sign: string) =>
  [
    'issued',
    'issued_booked',
    'issued_priority',
    'served',
    'no_shows',
    'recalls',
    'first_calls',
    'first_wait_ms',
    'service_count',
    'service_ms',
  ]
    .map((c) => `coalesce(sum(${sign} * s.${c}), 0) AS ${c}`)
    .join(', ');

function figures(
  s: StatsRow,
  hist: readonly number[],
  survey: { responses: number[]; sums: number[] },
): Figures {
  return {
    issued: s.issued,
    issuedBooked: s.issued_booked,
    issuedPriority: s.issued_priority,
    served: s.served,
    noShows: s.no_shows,
    recalls: s.recalls,
    firstCalls: s.first_calls,
    meanWaitMinutes: meanMinutes(s.first_wait_ms, s.first_calls),
    medianWait: histogramPercentile(hist, 0.5),
    p90Wait: histogramPercentile(hist, 0.9),
    meanServiceMinutes: meanMinutes(s.service_ms, s.service_count),
    ikm: ikm(survey.responses, survey.sums),
  };
}

const emptySurvey = () => ({ responses: Array<number>(9).fill(0), sums: Array<number>(9).fill(0) });

/** Per office in scope: the range's figures, and when its data last arrived. */
export async function overview(pool: Pool, scope: Scope): Promise<OfficeRow[]> {
  const params = [...rangeParams(scope.from, scope.to), scope.region];
  const inScope = '($5::text IS NULL OR o.region = $5)';
  const [offices, hist, survey] = await Promise.all([
    pool.query<
      StatsRow & {
        id: number;
        code: string;
        name: string;
        region: string;
        time_zone: string;
        last_received_at: Date | null;
        last_event_at: Date | null;
        events_received: number;
      }
    >(
      `WITH s AS (SELECT s.*, seg.sign ${rangeFrom('office_stats', 's', 1)})
       SELECT o.id, o.code, o.name, o.region, o.time_zone, o.last_received_at, o.last_event_at, o.events_received,
         ${sums('s.sign')}
       FROM offices o LEFT JOIN s ON s.office_id = o.id
       WHERE ${inScope}
       GROUP BY o.id ORDER BY o.region, o.code`,
      params,
    ),
    pool.query<{ office_id: number; bucket: number; tickets: number }>(
      `SELECT h.office_id, h.bucket, sum(seg.sign * h.tickets) AS tickets
       ${rangeFrom('office_wait_hist', 'h', 1)} JOIN offices o ON o.id = h.office_id
       WHERE ${inScope}
       GROUP BY h.office_id, h.bucket`,
      params,
    ),
    pool.query<{ office_id: number; element: number; responses: number; score_sum: number }>(
      `SELECT v.office_id, v.element, sum(seg.sign * v.responses) AS responses, sum(seg.sign * v.score_sum) AS score_sum
       ${rangeFrom('office_survey_stats', 'v', 1)} JOIN offices o ON o.id = v.office_id
       WHERE ${inScope}
       GROUP BY v.office_id, v.element`,
      params,
    ),
  ]);
  const hists = new Map<number, number[]>();
  for (const h of hist.rows) {
    const list = hists.get(h.office_id) ?? Array<number>(WAIT_BUCKETS).fill(0);
    list[h.bucket] = h.tickets;
    hists.set(h.office_id, list);
  }
  const surveys = new Map<number, ReturnType<typeof emptySurvey>>();
  for (const v of survey.rows) {
    const s = surveys.get(v.office_id) ?? emptySurvey();
    s.responses[v.element - 1] = v.responses;
    s.sums[v.element - 1] = v.score_sum;
    surveys.set(v.office_id, s);
  }
  return offices.rows.map((o) => ({
    code: o.code,
    name: o.name,
    region: o.region,
    timeZone: o.time_zone,
    lastReceivedAt: o.last_received_at,
    lastEventAt: o.last_event_at,
    eventsReceived: o.events_received,
    ...figures(o, hists.get(o.id) ?? [], surveys.get(o.id) ?? emptySurvey()),
  }));
}

export interface DayRow extends Figures {
  officeCode: string;
  day: string;
}

/**
 * Per office and day in scope (daily rollups): the waits-per-office-per-day table and its CSV.
 * `officeCode` limits it to one office.
 */
export async function officeDays(pool: Pool, scope: Scope, officeCode: string | null): Promise<DayRow[]> {
  const params = [scope.from, scope.to, scope.region, officeCode];
  const where = `s.grain = 'd' AND s.period >= $1::date AND s.period <= $2::date
    AND ($3::text IS NULL OR o.region = $3) AND ($4::text IS NULL OR o.code = $4)`;
  const [days, hist, survey] = await Promise.all([
    pool.query<StatsRow & { code: string; day: string }>(
      `SELECT o.code, s.period::text AS day, ${sums('1')}
       FROM office_stats s JOIN offices o ON o.id = s.office_id WHERE ${where}
       GROUP BY o.code, s.period ORDER BY o.code, s.period`,
      params,
    ),
    pool.query<{ code: string; day: string; buckets: number[]; tickets: number[] }>(
      `SELECT o.code, s.period::text AS day, array_agg(s.bucket) AS buckets, array_agg(s.tickets) AS tickets
       FROM office_wait_hist s JOIN offices o ON o.id = s.office_id WHERE ${where}
       GROUP BY o.code, s.period`,
      params,
    ),
    pool.query<{ code: string; day: string; elements: number[]; responses: number[]; sums: number[] }>(
      `SELECT o.code, s.period::text AS day, array_agg(s.element) AS elements,
         array_agg(s.responses) AS responses, array_agg(s.score_sum) AS sums
       FROM office_survey_stats s JOIN offices o ON o.id = s.office_id WHERE ${where}
       GROUP BY o.code, s.period`,
      params,
    ),
  ]);
  const key = (code: string, day: string) => `${code}|${day}`;
  const hists = new Map<string, number[]>();
  for (const h of hist.rows) {
    const list = Array<number>(WAIT_BUCKETS).fill(0);
    h.buckets.forEach((b, i) => (list[b] = h.tickets[i] ?? 0));
    hists.set(key(h.code, h.day), list);
  }
  const surveys = new Map<string, ReturnType<typeof emptySurvey>>();
  for (const v of survey.rows) {
    const s = emptySurvey();
    v.elements.forEach((e, i) => {
      s.responses[e - 1] = v.responses[i] ?? 0;
      s.sums[e - 1] = v.sums[i] ?? 0;
    });
    surveys.set(key(v.code, v.day), s);
  }
  return days.rows.map((d) => ({
    officeCode: d.code,
    day: d.day,
    ...figures(d, hists.get(key(d.code, d.day)) ?? [], surveys.get(key(d.code, d.day)) ?? emptySurvey()),
  }));
}

export interface HourRow {
  /** Office-local hour 0–23. */
  hour: number;
  issued: number;
  served: number;
  firstCalls: number;
  meanWaitMinutes: number | null;
}

/** Per office-local hour over the range (one office, or every office in scope). */
export async function hourProfile(
  pool: Pool,
  scope: Scope,
  officeCode: string | null,
): Promise<{ officeDays: number; hours: HourRow[] }> {
  const params = [...rangeParams(scope.from, scope.to), scope.region, officeCode];
  const inScope = '($5::text IS NULL OR o.region = $5) AND ($6::text IS NULL OR o.code = $6)';
  const [hours, days] = await Promise.all([
    pool.query<{ hour: number; issued: number; served: number; first_calls: number; first_wait_ms: number }>(
      `SELECT h.hour, sum(seg.sign * h.issued) AS issued, sum(seg.sign * h.served) AS served,
         sum(seg.sign * h.first_calls) AS first_calls, sum(seg.sign * h.first_wait_ms) AS first_wait_ms
       ${rangeFrom('office_hour_stats', 'h', 1)} JOIN offices o ON o.id = h.office_id
       WHERE ${inScope}
       GROUP BY h.hour ORDER BY h.hour`,
      params,
    ),
    // Office days with data, to turn the sums into "per office per day".
    pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM office_stats s JOIN offices o ON o.id = s.office_id
       WHERE s.grain = 'd' AND s.period >= $1::date AND s.period <= $2::date
         AND ($3::text IS NULL OR o.region = $3) AND ($4::text IS NULL OR o.code = $4)`,
      [scope.from, scope.to, scope.region, officeCode],
    ),
  ]);
  return {
    officeDays: days.rows[0]?.n ?? 0,
    hours: hours.rows.map((h) => ({
      hour: h.hour,
      issued: h.issued,
      served: h.served,
      firstCalls: h.first_calls,
      meanWaitMinutes: meanMinutes(h.first_wait_ms, h.first_calls),
    })),
  };
}

/** One office by code, if the scope lets the viewer see it. */
export async function officeInScope(
  pool: Pool,
  code: string,
  region: string | null,
): Promise<{ code: string; name: string; region: string; timeZone: string } | null> {
  const { rows } = await pool.query<{ code: string; name: string; region: string; timeZone: string }>(
    `SELECT code, name, region, time_zone AS "timeZone" FROM offices WHERE code = $1 AND ($2::text IS NULL OR region = $2)`,
    [code, region],
  );
  return rows[0] ?? null;
}
