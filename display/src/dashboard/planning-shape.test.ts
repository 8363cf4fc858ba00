import { describe, expect, it } from 'vitest';
import { localToInstant, type SimulationResult, type StaffingPlan } from '@giliran/shared';
import { testConfig } from '../state/fixtures.ts';
import {
  nextOfficeDay,
  planCsv,
  planFileName,
  planHourLabels,
  rowLabel,
  setCounters,
} from './planning-shape.ts';

const plan: StaffingPlan = {
  name: 'Pagi',
  startHour: 7,
  rows: [
    { stages: ['verifikasi'], counters: [1, 2, 2] },
    { stages: ['foto', 'informasi'], counters: [1, 1, 0] },
  ],
};

/** A simulated day's figures with only what the CSV reads filled in. */
function result(over: { p50: number; p90: number; firstP90: number; onTime30: number }): SimulationResult {
  const wait = { count: 10, p50: over.p50, p90: over.p90, max: over.p90 + 5 };
  return {
    day: '2026-03-03',
    seed: 1,
    planName: null,
    bookings: 10,
    walkIns: 0,
    noShows: 0,
    refused: 0,
    tickets: 10,
    wait,
    firstWait: { ...wait, p90: over.firstP90 },
    hours: [],
    services: [],
    stages: [],
    onTime: {
      count: 10,
      within15: 0.5,
      within30: over.onTime30,
      within60: 1,
      fromWindowStart: { within15: 0.3, within30: 0.6, within60: 1 },
    },
    priority: { count: 1, longestWaitMinutes: 7.5 },
    lastLeavesAt: '16:40',
    unserved: 0,
    idleCounterMinutes: { total: 95, rows: [] },
    estimate: { count: 10, p50AbsErrorMinutes: 1, p80AbsErrorMinutes: 3, withinTolerance: 0.9 },
    waitHistogram: [],
  };
}

describe('planner page shaping', () => {
  it('plans for the office’s next day, by its clock and zone', () => {
    // 23:30 WITA on 2 March is 15:30 UTC: the next office day is 3 March.
    expect(nextOfficeDay(localToInstant('2026-03-02', '23:30', 'Asia/Makassar'), 'Asia/Makassar')).toBe(
      '2026-03-03',
    );
    expect(nextOfficeDay(localToInstant('2026-12-31', '08:00', 'Asia/Makassar'), 'Asia/Makassar')).toBe(
      '2027-01-01',
    );
  });

  it('edits one cell, whole numbers 0–60, anything else 0', () => {
    expect(setCounters(plan, 0, 1, 4).rows[0]?.counters).toEqual([1, 4, 2]);
    expect(setCounters(plan, 1, 2, 2.6).rows[1]?.counters).toEqual([1, 1, 3]);
    expect(setCounters(plan, 0, 0, -3).rows[0]?.counters).toEqual([0, 2, 2]);
    expect(setCounters(plan, 0, 0, 500).rows[0]?.counters).toEqual([60, 2, 2]);
    expect(setCounters(plan, 0, 0, Number.NaN).rows[0]?.counters).toEqual([0, 2, 2]);
    expect(plan.rows[0]?.counters).toEqual([1, 2, 2]); // the original is untouched
  });

  it('labels hours and counter kinds', () => {
    expect(planHourLabels(plan)).toEqual(['07:00', '08:00', '09:00']);
    expect(rowLabel(testConfig, ['foto', 'informasi'], 'id')).toBe('Foto & wawancara + Informasi');
    expect(rowLabel(testConfig, ['foto', 'informasi'], 'en')).toBe('Photo & interview + Information');
  });

  it('exports both plans and their figures as CSV, quoting what needs it', () => {
    const b: StaffingPlan = {
      ...plan,
      name: 'Sore, "B"',
      rows: [{ stages: ['verifikasi'], counters: [2, 2, 2] }],
    };
    const csv = planCsv({
      date: '2026-03-03',
      config: testConfig,
      lang: 'id',
      outcomes: [
        {
          plan,
          result: result({ p50: 12, p90: 48.5, firstP90: 20, onTime30: 0.923 }),
          quota: { targetP90Minutes: 45, bookingsPerHour: 28, windows: 8, p90AtQuota: 44 },
        },
        { plan: b, result: null, quota: null },
      ],
    });
    expect(csv.split('\n')).toEqual([
      'Perencanaan loket,2026-03-03,Kantor Imigrasi Uji',
      'Rencana,Loket untuk,07:00,08:00,09:00',
      'A Pagi,Verifikasi berkas,1,2,2',
      'A Pagi,Foto & wawancara + Informasi,1,1,0',
      '"B Sore, ""B""",Verifikasi berkas,2,2,2',
      '',
      'Angka,A,B',
      'Jam-loket,7,6',
      'Tunggu p50 (menit),12,',
      'Tunggu p90 (menit),48.5,',
      'Tunggu sampai dipanggil p90 (menit),20,',
      'Tepat waktu dipanggil ≤ 30 menit (%),92.3,',
      'Tunggu terlama prioritas (menit),7.5,',
      'Pemohon terakhir pulang,16:40,',
      'Loket menganggur (menit),95,',
      'Kuota per jam (p90 ≤ 45 menit),28,',
      '',
    ]);
    expect(planFileName('DPS', '2026-03-03')).toBe('giliran-DPS-rencana-2026-03-03.csv');
  });
});
