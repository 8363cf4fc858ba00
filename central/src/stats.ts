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

/**
 * Splits the days `from`…`to` (inclusive) into whole months, read from the monthly rollups, and
 * the days before and after them, read from the daily ones: `[monthFrom, monthTo)` are the whole
 * months; days in `[from, monthFrom)` and `[monthTo, to]`. Without a whole month inside the range
 * both are `to` + 1 day, and every day is read from the daily rollups.
 */
export function rangeParts(from: string, to: string): { monthFrom: string; monthTo: string } {
  const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
  const monthFrom = from === firstOfMonth(from) ? from : firstOfMonth(addDays(firstOfMonth(from), 32));
  const monthTo = firstOfMonth(addDays(to, 1));
  if (monthFrom >= monthTo) return { monthFrom: addDays(to, 1), monthTo: addDays(to, 1) };
  return { monthFrom, monthTo };
}

/**
 * The SQL condition selecting a range's rollup rows (parameters: from, to, monthFrom, monthTo as
 * `$n`…`$n+3`), for a table aliased `alias`.
 */
export function rangeCondition(alias: string, n: number): string {
  const [from, to, mFrom, mTo] = [n, n + 1, n + 2, n + 3].map((i) => `$${i}::date`);
  return `((${alias}.grain = 'm' AND ${alias}.period >= ${mFrom} AND ${alias}.period < ${mTo})
    OR (${alias}.grain = 'd' AND ${alias}.period >= ${from} AND ${alias}.period < ${mFrom})
    OR (${alias}.grain = 'd' AND ${alias}.period >= ${mTo} AND ${alias}.period <= ${to}))`;
}

export function rangeParams(from: string, to: string): string[] {
  const { monthFrom, monthTo } = rangeParts(from, to);
  return [from, to, monthFrom, monthTo];
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
