import { join } from 'node:path';
import { seededRandom, localToInstant } from '@giliran/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../tests/support/temp-dir.ts';
import { loadOfficeConfig } from '../config.ts';
import { openDatabase } from '../store/database.ts';
import { sampleMinutes, serviceTimesFromHistory } from './service-times.ts';

const config = loadOfficeConfig();
const dir = makeTempDir('history');
const db = openDatabase(join(dir, 'giliran.db'));
afterAll(() => {
  db.close();
  removeTempDir(dir);
});

describe('service times learnt from past days', () => {
  const row = db.prepare(
    `INSERT INTO audit_log (at, day, action, actor, ticket_id, counter_id, stage_id, duration_ms)
     VALUES (?, ?, ?, 'officer:p1', ?, ?, ?, ?)`,
  );
  let n = 0;
  const service = (day: string, time: string, stage: string, minutes: number, counter = 'loket-1') =>
    row.run(
      localToInstant(day, time, config.office.timeZone),
      day,
      n % 2 ? 'ticket.completed' : 'ticket.transferred',
      `t${++n}`,
      counter,
      stage,
      minutes * 60_000,
    );
  // 1 March: twenty 6-minute document checks, a family of two checked in one 12-minute go, and
  // five photo sessions (too few to trust). 27 February: twenty 10-minute checks.
  for (let i = 0; i < 20; i++) service('2026-03-01', `09:${String(i).padStart(2, '0')}`, 'verifikasi', 6);
  service('2026-03-01', '10:30', 'verifikasi', 12, 'loket-2');
  service('2026-03-01', '10:30', 'verifikasi', 12, 'loket-2');
  for (let i = 0; i < 5; i++) service('2026-03-01', `11:0${i}`, 'foto', 9);
  for (let i = 0; i < 20; i++) service('2026-02-27', `09:${String(i).padStart(2, '0')}`, 'verifikasi', 10);
  // The day planned for itself does not count.
  service('2026-03-02', '09:00', 'verifikasi', 60);

  it('per applicant (a family shares its time), the last days only, defaults where data is thin', () => {
    const lastDay = serviceTimesFromHistory(db, config, { beforeDay: '2026-03-02', days: 1 });
    expect(lastDay.samples).toEqual({ bap: 0, verifikasi: 22, foto: 5, pengambilan: 0, informasi: 0 });
    expect(lastDay.times.verifikasi).toEqual({ kind: 'empirical', minutes: Array(22).fill(6) as number[] });
    expect(lastDay.times.foto).toEqual({ kind: 'lognormal', medianMinutes: 8, sigma: 0.45 });

    const month = serviceTimesFromHistory(db, config, { beforeDay: '2026-03-02' });
    expect(month.samples.verifikasi).toBe(42);
    const minutes = month.times.verifikasi?.kind === 'empirical' ? month.times.verifikasi.minutes : [];
    expect([...minutes].sort((a, b) => a - b)).toEqual([
      ...(Array(22).fill(6) as number[]),
      ...(Array(20).fill(10) as number[]),
    ]);
  });
});

describe('sampleMinutes', () => {
  it('draws fixed, empirical and lognormal times; the lognormal around its median', () => {
    const rnd = seededRandom(11);
    expect(sampleMinutes({ kind: 'fixed', minutes: 6 }, rnd)).toBe(6);
    expect(sampleMinutes({ kind: 'empirical', minutes: [4] }, rnd)).toBe(4);
    const draws = Array.from({ length: 4000 }, () =>
      sampleMinutes({ kind: 'lognormal', medianMinutes: 6, sigma: 0.45 }, rnd),
    ).sort((a, b) => a - b);
    expect(draws[2000]).toBeGreaterThan(5.7);
    expect(draws[2000]).toBeLessThan(6.3);
    // σ 0.45: the 90th percentile is 6 × e^(1.2816 × 0.45) = 10.7 minutes.
    expect(draws[3600]).toBeGreaterThan(10.1);
    expect(draws[3600]).toBeLessThan(11.3);
  });
});
