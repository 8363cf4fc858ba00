import { WAIT_BUCKET_MS, WAIT_BUCKETS } from './rollup.ts';

/**
 * Pure arithmetic over rollups: date ranges split into grains, percentiles from the wait
 * histogram, IKM from the survey sums. No database, no clock.
 */

/** `2026-11-28` + n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** One piece of a date range, read from one grain of the rollups: rows with period in [from, to). */
export interface RangeSegment {
  grain: 'd' | 'm';
  from: string;
  to: string;
  /** -1: subtract these rows (days of a month read whole that are outside the range). */
  sign: 1 | -1;
}

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const nextMonth = (m: string) => monthStart(addDays(m, 32));
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/**
 * The days `from`…`to` (inclusive) as rollup pieces, so that a range costs at most a row per month
 * and half a month of days at each end, per office: whole months from the monthly rollups; a month
 * the range covers less than half of, from its daily rows; one it covers more than half of, as the
 * month minus its days outside the range (the rollups only add, so they subtract exactly).
 */
export function rangeSegments(from: string, to: string): RangeSegment[] {
  const out: RangeSegment[] = [];
  const end = addDays(to, 1);
  const push = (seg: RangeSegment) => {
    const last = out.at(-1);
    if (last && last.grain === seg.grain && last.sign === seg.sign && last.to === seg.from) last.to = seg.to;
    else if (seg.from < seg.to) out.push(seg);
  };
  const months: RangeSegment[] = [];
  const days: RangeSegment[] = [];
  for (let m = monthStart(from); m < end; m = nextMonth(m)) {
    const mEnd = nextMonth(m);
    const a = from > m ? from : m;
    const b = end < mEnd ? end : mEnd;
    const covered = daysBetween(a, b);
    const length = daysBetween(m, mEnd);
    if (covered === length) months.push({ grain: 'm', from: m, to: mEnd, sign: 1 });
    else if (covered * 2 <= length) days.push({ grain: 'd', from: a, to: b, sign: 1 });
    else {
      months.push({ grain: 'm', from: m, to: mEnd, sign: 1 });
      days.push({ grain: 'd', from: m, to: a, sign: -1 }, { grain: 'd', from: b, to: mEnd, sign: -1 });
    }
  }
  for (const seg of [...months, ...days]) push({ ...seg });
  return out;
}

/**
 * `FROM` a rollup table's rows in a range's pieces (`rangeParams` as `$n`…`$n+3`), as `alias`; sum
 * its columns as `sum(seg.sign * alias.column)`. LATERAL … OFFSET 0 keeps it an index range scan per
 * piece: joined plainly (or flattened), the planner, not knowing how few pieces there are, may scan
 * the whole table instead.
 */
export function rangeFrom(table: string, alias: string, n: number): string {
  return `FROM unnest($${n}::char(1)[], $${n + 1}::date[], $${n + 2}::date[], $${n + 3}::int[]) AS seg(grain, pfrom, pto, sign)
    CROSS JOIN LATERAL (SELECT * FROM ${table} x
      WHERE x.grain = seg.grain AND x.period >= seg.pfrom AND x.period < seg.pto OFFSET 0) AS ${alias}`;
}

export function rangeParams(from: string, to: string): [string[], string[], string[], number[]] {
  const segs = rangeSegments(from, to);
  return [segs.map((s) => s.grain), segs.map((s) => s.from), segs.map((s) => s.to), segs.map((s) => s.sign)];
}

/** A wait percentile in minutes; `atLeast` when it falls in the open last bucket (235 min or more). */
export interface WaitPercentile {
  minutes: number;
  atLeast: boolean;
}

/**
 * The q-quantile (0 < q < 1) of the waits counted in `hist` (tickets per 5-minute bucket),
 * interpolated linearly inside its bucket; null without any wait.
 */
export function histogramPercentile(hist: readonly number[], q: number): WaitPercentile | null {
  const n = hist.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const target = q * n;
  const width = WAIT_BUCKET_MS / 60_000;
  let below = 0;
  for (let b = 0; b < WAIT_BUCKETS; b++) {
    const here = hist[b] ?? 0;
    if (here > 0 && below + here >= target) {
      if (b === WAIT_BUCKETS - 1) return { minutes: b * width, atLeast: true };
      const minutes = (b + (target - below) / here) * width;
      return { minutes: Math.round(minutes * 10) / 10, atLeast: false };
    }
    below += here;
  }
  return { minutes: (WAIT_BUCKETS - 1) * width, atLeast: true };
}

/** IKM (Indeks Kepuasan Masyarakat, PermenPANRB 14/2017) of a set of answers. */
export interface Ikm {
  responses: number;
  /** Average score per element U1…U9 (1–4). */
  elements: number[];
  /** Converted index 25–100: the mean of the element averages (equal weights 1/9) × 25. */
  index: number;
  /** Mutu pelayanan: A (88.31–100), B (76.61–88.30), C (65.00–76.60), D (25.00–64.99). */
  grade: 'A' | 'B' | 'C' | 'D';
}

/** From the per-element answer counts and score sums (arrays of 9); null without answers. */
export function ikm(responses: readonly number[], scoreSums: readonly number[]): Ikm | null {
  const n = responses[0] ?? 0;
  if (n === 0 || responses.length < 9) return null;
  const elements = Array.from({ length: 9 }, (_, i) => (scoreSums[i] ?? 0) / (responses[i] || 1));
  const weighted = elements.reduce((a, b) => a + b / 9, 0);
  const index = Math.round(weighted * 25 * 100) / 100;
  const grade = index >= 88.31 ? 'A' : index >= 76.61 ? 'B' : index >= 65 ? 'C' : 'D';
  return { responses: n, elements: elements.map((e) => Math.round(e * 100) / 100), index, grade };
}

/** Mean in minutes of a sum of milliseconds over a count; null when there is nothing. */
export function meanMinutes(sumMs: number, count: number): number | null {
  return count > 0 ? Math.round((sumMs / count / 60_000) * 10) / 10 : null;
}
