import { describe, expect, it } from 'vitest';
import { addDays, histogramPercentile, ikm, meanMinutes, rangeParts } from './stats.ts';

const hist = (entries: Record<number, number>) => Array.from({ length: 48 }, (_, b) => entries[b] ?? 0);

describe('rangeParts', () => {
  it('reads whole months from the monthly rollups and the ends from the daily ones', () => {
    expect(rangeParts('2026-01-15', '2026-04-10')).toEqual({
      monthFrom: '2026-02-01',
      monthTo: '2026-04-01',
    });
    expect(rangeParts('2026-01-01', '2026-12-31')).toEqual({
      monthFrom: '2026-01-01',
      monthTo: '2027-01-01',
    });
    expect(rangeParts('2026-02-01', '2026-02-28')).toEqual({
      monthFrom: '2026-02-01',
      monthTo: '2026-03-01',
    });
  });

  it('without a whole month inside, reads every day from the daily rollups', () => {
    expect(rangeParts('2026-11-03', '2026-11-28')).toEqual({
      monthFrom: '2026-11-29',
      monthTo: '2026-11-29',
    });
    expect(rangeParts('2026-01-20', '2026-02-10')).toEqual({
      monthFrom: '2026-02-11',
      monthTo: '2026-02-11',
    });
    expect(rangeParts('2026-12-31', '2026-12-31')).toEqual({
      monthFrom: '2027-01-01',
      monthTo: '2027-01-01',
    });
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
