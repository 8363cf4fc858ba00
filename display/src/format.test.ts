import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatMinutes, minutesSince, numberRange, zoneLabel } from './format.ts';

// 2026-11-28 02:05:09 UTC = 10:05:09 WITA (UTC+8) = 09:05:09 WIB.
const instant = Date.UTC(2026, 10, 28, 2, 5, 9);

describe('office time formatting', () => {
  it('labels Indonesian zones', () => {
    expect(zoneLabel('Asia/Makassar')).toBe('WITA');
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
    expect(zoneLabel('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('uses the office zone, never the machine zone', () => {
    expect(formatClock(instant, 'Asia/Makassar', 'en')).toBe('10:05');
    expect(formatClock(instant, 'Asia/Jakarta', 'en')).toBe('09:05');
    expect(formatClock(instant, 'Asia/Makassar', 'en', true)).toBe('10:05:09');
    expect(formatClock(instant, 'Asia/Makassar', 'id')).toMatch(/^10[.:]05$/);
  });

  it('formats the date in the office zone (a date line crossing shows the local day)', () => {
    const lateUtc = Date.UTC(2026, 10, 28, 17, 0); // 01:00 on the 29th in WITA
    expect(formatDate(lateUtc, 'Asia/Makassar', 'id')).toBe('Minggu, 29 November 2026');
    expect(formatDate(lateUtc, 'Asia/Makassar', 'en')).toMatch(/^Sunday,? 29 November 2026$/);
  });

  it('counts whole minutes and never goes negative', () => {
    expect(minutesSince(0, 59_999)).toBe(0);
    expect(minutesSince(0, 60_000)).toBe(1);
    expect(minutesSince(10_000, 0)).toBe(0);
  });

  it('formats durations', () => {
    expect(formatMinutes(7, 'id')).toBe('7 menit');
    expect(formatMinutes(7, 'en')).toBe('7 min');
    expect(formatMinutes(95, 'id')).toBe('1 j 35 mnt');
    expect(formatMinutes(-3, 'en')).toBe('0 min');
  });
});

describe('numberRange', () => {
  it('shows a family called together as a range, anything else as a list', () => {
    expect(numberRange(['A012'])).toBe('A012');
    expect(numberRange(['A012', 'A013', 'A014'])).toBe('A012–A014');
    expect(numberRange(['A099', 'A100'])).toBe('A099–A100');
    expect(numberRange(['A012', 'A014'])).toBe('A012, A014');
    expect(numberRange(['A012', 'B013'])).toBe('A012, B013');
    expect(numberRange([])).toBe('');
  });
});
