import { describe, expect, it } from 'vitest';
import { addDays, histogramPercentile, ikm, meanMinutes, rangeSegments } from './stats.ts';

const hist = (entries: Record<number, number>) => Array.from({ length: 48 }, (_, b) => entries[b] ?? 0);

describe('rangeSegments', () => {
  it('reads whole months from the monthly rollups', () => {
    expect(rangeSegments('2026-01-01', '2026-12-31')).toEqual([
      { grain: 'm', from: '2026-01-01', to: '2027-01-01', sign: 1 },
    ]);
  });

  it('reads a month covered less than half from its days, more than half as the month minus the rest', () => {
    expect(rangeSegments('2026-01-15', '2026-04-10')).toEqual([
      { grain: 'm', from: '2026-01-01', to: '2026-04-01', sign: 1 },
      { grain: 'd', from: '2026-01-01', to: '2026-01-15', sign: -1 },
      { grain: 'd', from: '2026-04-01', to: '2026-04-11', sign: 1 },
    ]);
    expect(rangeSegments('2026-11-03', '2026-11-28')).toEqual([
      { grain: 'm', from: '2026-11-01', to: '2026-12-01', sign: 1 },
      { grain: 'd', from: '2026-11-01', to: '2026-11-03', sign: -1 },
      { grain: 'd', from: '2026-11-29', to: '2026-12-01', sign: -1 },
    ]);
    expect(rangeSegments('2026-01-20', '2026-02-10')).toEqual([
      { grain: 'd', from: '2026-01-20', to: '2026-02-11', sign: 1 },
    ]);
    expect(rangeSegments('2026-12-31', '2026-12-31')).toEqual([
      { grain: 'd', from: '2026-12-31', to: '2027-01-01', sign: 1 },
    ]);
  });

  it('counts every day of the range exactly once, and no other day (any range of 3 years)', () => {
    const day = (i: number) => addDays('2025-01-01', i);
    for (let a = 0; a < 1100; a += 37)
      for (const len of [0, 1, 13, 15, 16, 29, 30, 31, 45, 59, 61, 200, 365, 400]) {
        const [from, to] = [day(a), day(a + len)];
        const count = new Map<string, number>();
        for (const s of rangeSegments(from, to))
          for (let d = s.from; d < s.to; d = addDays(d, 1))
            // a monthly row stands for each of its days
            count.set(d, (count.get(d) ?? 0) + s.sign);
        const got = [...count.entries()].filter(([, n]) => n !== 0);
        expect(
          got.every(([, n]) => n === 1),
          `${from}…${to}`,
        ).toBe(true);
        expect(got.map(([d]) => d).sort(), `${from}…${to}`).toEqual(
          Array.from({ length: len + 1 }, (_, i) => day(a + i)),
        );
        // at most a row per month and half a month of days at each end
        expect(
          rangeSegments(from, to)
            .filter((s) => s.grain === 'd')
            .reduce((n, s) => n + (Date.parse(s.to) - Date.parse(s.from)) / 86_400_000, 0),
        ).toBeLessThanOrEqual(31);
      }
  });

  it('adds days across months and leap years', () => {
    expect([addDays('2028-02-28', 1), addDays('2026-12-31', 1), addDays('2026-03-01', -1)]).toEqual([
      '2028-02-29',
      '2027-01-01',
      '2026-02-28',
    ]);
  });
});

describe('histogramPercentile', () => {
  it('interpolates inside the 5-minute bucket', () => {
    expect(histogramPercentile(hist({ 2: 1, 6: 1 }), 0.5)).toEqual({ minutes: 15, atLeast: false });
    expect(histogramPercentile(hist({ 2: 1, 6: 1 }), 0.9)).toEqual({ minutes: 34, atLeast: false });
    expect(histogramPercentile(hist({ 0: 4 }), 0.5)).toEqual({ minutes: 2.5, atLeast: false });
    expect(histogramPercentile(hist({ 3: 10, 9: 10 }), 0.9)).toEqual({ minutes: 49, atLeast: false });
  });

  it('says "at least" in the open last bucket, and nothing without waits', () => {
    expect(histogramPercentile(hist({ 1: 1, 47: 9 }), 0.5)).toEqual({ minutes: 235, atLeast: true });
    expect(histogramPercentile(hist({}), 0.5)).toBeNull();
  });
});

describe('ikm', () => {
  it('follows PermenPANRB 14/2017: mean of element averages × 25, graded A–D', () => {
    // Two respondents; element sums per U1…U9.
    const r = ikm(Array(9).fill(2), [8, 7, 6, 8, 7, 6, 8, 7, 6]);
    expect(r).toEqual({
      responses: 2,
      elements: [4, 3.5, 3, 4, 3.5, 3, 4, 3.5, 3],
      index: 87.5,
      grade: 'B',
    });
    expect(ikm(Array(9).fill(1), Array(9).fill(4))?.grade).toBe('A');
    expect(ikm(Array(9).fill(4), Array(9).fill(11))).toMatchObject({ index: 68.75, grade: 'C' });
    expect(ikm(Array(9).fill(1), Array(9).fill(2))).toMatchObject({ index: 50, grade: 'D' });
    expect(ikm(Array(9).fill(0), Array(9).fill(0))).toBeNull();
  });
});

describe('meanMinutes', () => {
  it('rounds to a tenth and is null without data', () => {
    expect([meanMinutes(42 * 60_000, 2), meanMinutes(100_000, 3), meanMinutes(0, 0)]).toEqual([
      21,
      0.6,
      null,
    ]);
  });
});
