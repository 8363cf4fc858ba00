import { defaultPlan, localToInstant, type Booking, type StaffingPlan } from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import { loadOfficeConfig } from '../config.ts';
import type { SimArrival } from './arrivals.ts';
import { dayFigures } from './figures.ts';
import { generatedBookings, simulate } from './index.ts';
import { simulateDay } from './simulate.ts';

const config = loadOfficeConfig();
const DAY = '2026-03-02';
const at = (time: string) => localToInstant(DAY, time, config.office.timeZone);
const allDay = (n: number) => Array.from({ length: 9 }, () => n); // 07:00–16:00

const booking = (code: string, windowStart: string, windowEnd: string): Booking => ({
  code,
  maskedNik: '5171********0001',
  fullName: 'Ni Luh Ariani',
  birthDate: '1990-08-05',
  applicationType: 'baru',
  officeCode: 'DPS',
  arrivalDate: DAY,
  windowStart,
  windowEnd,
  paymentStatus: 'paid',
  accountId: `ACC-${code}`,
});

describe('simulateDay: a small day worked out by hand', () => {
  /*
   * One verification counter V (loket 1) and one photo counter F (loket 4), open 07:30–16:00;
   * verification takes 6 min, photo 8 min, always. Three bookings for 08:00–09:00 and a priority
   * walk-in (Ramah HAM):
   *
   *   08:00 A checks in; V calls A at once.                 V: A 08:00–08:06
   *   08:02 B checks in, waits.
   *   08:05 P (priority) checks in, waits.
   *   08:06 A to photo: F calls A. V calls P (priority first; B waited 4 min < 20).
   *                                                          F: A 08:06–08:14, V: P 08:06–08:12
   *   08:10 C checks in, waits behind B.
   *   08:12 P to photo (F busy). V calls B.                  V: B 08:12–08:18
   *   08:14 A done. F calls P.                               F: P 08:14–08:22
   *   08:18 B to photo (F busy). V calls C.                  V: C 08:18–08:24
   *   08:22 P done. F calls B.                               F: B 08:22–08:30
   *   08:24 C to photo (F busy).
   *   08:30 B done. F calls C.                               F: C 08:30–08:38
   *   08:38 C done: the last applicant leaves.
   *
   * Waits over the visit: A 0, P 1 + 2 = 3, B 10 + 4 = 14, C 8 + 6 = 14 → p50 3, p90 14.
   * Until the first call: A 0, B 10, P 1, C 8 → p50 1, p90 10.
   * Per stage: verification 0, 1, 10, 8 (p50 1, p90 10); photo 0, 2, 4, 6 (p50 2, p90 6).
   * On time (A, B, C checked in inside their window): called within 15 min of arriving: all three;
   *   of the window start (08:00): A 0, B 12, C 18 → within 15: 2 of 3, within 30: all.
   * Most waiting at once in 08:00–09:00: 2 (B and P at 08:05; B and C at 08:10).
   * Idle, 07:30–16:00: V 30 (until A) + 456 (08:24–16:00) = 486; F 36 + 442 = 478; total 964.
   *
   * Printed estimates (shared/src/wait-estimate.ts), 6 min per verification:
   *   A: V free, nobody ahead → 0.
   *   B: V free in 6 − 2 = 4, nobody ahead, no priority applicant seen lately → 4 (real 10).
   *   P: V free in max(6 − 5, 6/4) = 1.5 → 2 (real 1).
   *   C: V (serving P since 08:06) free in 2; B ahead; one priority applicant in the last 30 min
   *      (1/30 a minute) may still come first: t = 2 + 6 × (1 + t/30) → t = 10 (real 8).
   *   Absolute errors 0, 6, 1, 2 → p50 1, p80 6; within ±25 % or ±5 min: A, P, C → 0.75.
   */
  const plan: StaffingPlan = {
    startHour: 7,
    rows: [
      { stages: ['verifikasi'], counters: allDay(1) },
      { stages: ['foto'], counters: allDay(1) },
    ],
  };
  const arrivals: SimArrival[] = [
    { at: at('08:00'), bookings: [booking('BOOKA1', '08:00', '09:00')], serviceId: null, arrival: 'on_time' },
    { at: at('08:02'), bookings: [booking('BOOKB1', '08:00', '09:00')], serviceId: null, arrival: 'on_time' },
    { at: at('08:05'), bookings: [], serviceId: 'prioritas', arrival: 'walk_in' },
    { at: at('08:10'), bookings: [booking('BOOKC1', '08:00', '09:00')], serviceId: null, arrival: 'on_time' },
  ];
  const run = simulateDay({
    config,
    day: DAY,
    arrivals,
    plan,
    serviceTimes: { verifikasi: { kind: 'fixed', minutes: 6 }, foto: { kind: 'fixed', minutes: 8 } },
    seed: 1,
  });
  const r = dayFigures(run);

  it('serves everyone in the order the rules say, at the times worked out above', () => {
    const byNumber = Object.fromEntries(run.tickets.map((t) => [t.number, t]));
    const hhmm = (ms: number | null) =>
      ms === null ? null : new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
    expect(
      ['A001', 'A002', 'B001', 'A003'].map((n) => [
        n,
        hhmm(byNumber[n]!.firstCalledAt),
        hhmm(byNumber[n]!.finishedAt),
        byNumber[n]!.estimatedWaitMinutes,
      ]),
    ).toEqual([
      ['A001', '08:00', '08:14', 0],
      ['A002', '08:12', '08:30', 4],
      ['B001', '08:06', '08:22', 2],
      ['A003', '08:18', '08:38', 10],
    ]);
  });

  it('reports the figures worked out above', () => {
    expect(r.wait).toEqual({ count: 4, p50: 3, p90: 14, max: 14 });
    expect(r.firstWait).toEqual({ count: 4, p50: 1, p90: 10, max: 10 });
    expect(r.stages.filter((s) => s.served)).toEqual([
      { stageId: 'verifikasi', served: 4, count: 4, p50: 1, p90: 10, max: 10 },
      { stageId: 'foto', served: 4, count: 4, p50: 2, p90: 6, max: 6 },
    ]);
    expect(r.onTime).toEqual({
      count: 3,
      within15: 1,
      within30: 1,
      within60: 1,
      fromWindowStart: { within15: 0.667, within30: 1, within60: 1 },
    });
    expect(r.priority).toEqual({ count: 1, longestWaitMinutes: 3 });
    expect(r.lastLeavesAt).toBe('08:38');
    expect(r.idleCounterMinutes).toEqual({
      total: 964,
      rows: [
        { stages: ['verifikasi'], minutes: 486 },
        { stages: ['foto'], minutes: 478 },
      ],
    });
    expect(r.hours.find((h) => h.hour === '08:00')).toEqual({
      hour: '08:00',
      arrivals: 4,
      waitingPeak: 2,
      served: 4,
      countersOpen: 2,
      count: 4,
      p50: 3,
      p90: 14,
      max: 14,
    });
    expect(r.services.filter((s) => s.arrivals)).toEqual([
      { serviceId: 'mpaspor', arrivals: 3, waitingPeak: 2, served: 3, count: 3, p50: 14, p90: 14, max: 14 },
      { serviceId: 'prioritas', arrivals: 1, waitingPeak: 1, served: 1, count: 1, p50: 3, p90: 3, max: 3 },
    ]);
    expect(r.estimate).toEqual({
      count: 4,
      p50AbsErrorMinutes: 1,
      p80AbsErrorMinutes: 6,
      withinTolerance: 0.75,
    });
    expect([r.bookings, r.walkIns, r.tickets, r.noShows, r.refused, r.unserved]).toEqual([3, 1, 4, 0, 0, 0]);
  });
});

describe('simulate: a generated Denpasar-like day', () => {
  const bookings = generatedBookings(config, DAY, 150, 7);
  const withCounters = (verifikasi: number, foto: number): StaffingPlan => ({
    ...defaultPlan(config),
    rows: defaultPlan(config).rows.map((row) =>
      row.stages.join() === 'verifikasi'
        ? { ...row, counters: row.counters.map(() => verifikasi) }
        : row.stages.join() === 'foto'
          ? { ...row, counters: row.counters.map(() => foto) }
          : row,
    ),
  });

  it('replays the same day from the same seed, and another day from another seed', () => {
    const a = simulate({ config, day: DAY, bookings, plan: defaultPlan(config), seed: 7 }).result;
    const b = simulate({ config, day: DAY, bookings, plan: defaultPlan(config), seed: 7 }).result;
    const c = simulate({ config, day: DAY, bookings, plan: defaultPlan(config), seed: 8 }).result;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('more counters never make the p90 wait longer (same seed: same people, same service times)', () => {
    const p90 = (v: number, f: number) =>
      simulate({ config, day: DAY, bookings, plan: withCounters(v, f), seed: 7 }).result.wait.p90;
    const grid = [1, 2, 3, 4].map((v) => [1, 2, 3, 4].map((f) => p90(v, f)));
    for (let v = 0; v < 4; v++)
      for (let f = 0; f < 4; f++) {
        if (v + 1 < 4)
          expect(grid[v + 1]![f]!, `verifikasi ${v + 2} vs ${v + 1}, foto ${f + 1}`).toBeLessThanOrEqual(
            grid[v]![f]!,
          );
        if (f + 1 < 4)
          expect(grid[v]![f + 1]!, `foto ${f + 2} vs ${f + 1}, verifikasi ${v + 1}`).toBeLessThanOrEqual(
            grid[v]![f]!,
          );
      }
    // …and the grid is not flat: staffing matters.
    expect(grid[0]![0]!).toBeGreaterThan(grid[3]![3]! + 60);
  });
});
