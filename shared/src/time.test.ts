import { describe, expect, it } from 'vitest';
import { formatCalendarDate, isRealDate, localParts, localToInstant, officeDay } from './time.ts';

const WITA = 'Asia/Makassar';

describe('office-local time (WITA, UTC+8)', () => {
  it('puts 16:30 UTC on the next local day', () => {
    expect(officeDay(Date.UTC(2026, 10, 27, 16, 30), WITA)).toBe('2026-11-28');
    expect(officeDay(Date.UTC(2026, 10, 27, 15, 59), WITA)).toBe('2026-11-27');
  });
  it('round-trips local date and time', () => {
    const t = localToInstant('2026-11-28', '07:30', WITA);
    expect(t).toBe(Date.UTC(2026, 10, 27, 23, 30));
    expect(localParts(t, WITA)).toEqual({ date: '2026-11-28', time: '07:30', minuteOfDay: 450 });
  });
  it('does not depend on the machine zone', () => {
    expect(localParts(Date.UTC(2026, 0, 1, 0, 0), 'Asia/Jakarta').time).toBe('07:00');
    expect(localParts(Date.UTC(2026, 0, 1, 0, 0), WITA).time).toBe('08:00');
  });
  it('knows real dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('2025-13-01')).toBe(false);
  });
});

describe('formatCalendarDate', () => {
  it('names the month in the chosen language', () => {
    expect(formatCalendarDate('2026-08-05', 'id')).toBe('5 Agustus 2026');
    expect(formatCalendarDate('2026-08-05', 'en')).toBe('5 August 2026');
    expect(formatCalendarDate('2026-13-05', 'id')).toBe('2026-13-05');
  });
});
