/**
 * Office-local time. Every date and clock time the product shows or reasons about is in the office's
 * time zone (Asia/Makassar for Denpasar), never the machine's and never UTC. Instants are epoch ms.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Office-local calendar parts of an instant. */
export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  time: string;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

export function localParts(instantMs: number, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instantMs))) p[part.type] = part.value;
  const hh = p.hour ?? '00';
  const mm = p.minute ?? '00';
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    time: `${hh}:${mm}`,
    minuteOfDay: Number(hh) * 60 + Number(mm),
  };
}

/** The office day (`YYYY-MM-DD`) an instant belongs to. */
export function officeDay(instantMs: number, timeZone: string): string {
  return localParts(instantMs, timeZone).date;
}

/** Offset of the zone from UTC at an instant, in minutes (WITA: +480). */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instantMs))) p[part.type] = part.value;
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

// Booked windows repeat all day (every check-in converts its window): remember recent answers.
const instants = new Map<string, number>();

/** The instant of local `date` (`YYYY-MM-DD`) at local `time` (`HH:MM`) in the zone. */
export function localToInstant(date: string, time: string, timeZone: string): number {
  const key = `${timeZone} ${date} ${time}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const instant = computeInstant(date, time, timeZone);
  if (instants.size >= 4096) instants.clear();
  instants.set(key, instant);
  return instant;
}

function computeInstant(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const naive = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // Two passes settle zones with DST; for fixed zones like WITA the first is exact.
  let guess = naive - zoneOffsetMinutes(naive, timeZone) * 60_000;
  guess = naive - zoneOffsetMinutes(guess, timeZone) * 60_000;
  return guess;
}

/** True when `YYYY-MM-DD` names a real calendar date. */
export function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** True when `HH:MM` is a valid 24-hour clock time. */
export function isClockTime(time: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
}

/** Minutes since midnight of `HH:MM`. */
export function clockMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const MONTH_NAMES = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} as const;

/**
 * `2026-11-28` → `28 November 2026` (id) / `28 November 2026` (en): a calendar date as booked or
 * printed, no time-zone arithmetic. Anything unparsable is returned as given.
 */
export function formatCalendarDate(date: string, lang: 'id' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? MONTH_NAMES[lang][Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

/** `08-05` (month-day, as `birthDayMonth` gives it) → `5 Agustus` (id) / `5 August` (en); no year. */
export function formatDayMonth(monthDay: string, lang: 'id' | 'en'): string {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay);
  const month = m ? MONTH_NAMES[lang][Number(m[1]) - 1] : undefined;
  return m && month ? `${Number(m[2])} ${month}` : monthDay;
}
