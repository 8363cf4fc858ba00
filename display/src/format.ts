import type { Lang } from '@giliran/shared';

/**
 * Dates and times as the office sees them: always in the office's zone (`config.office.timeZone`),
 * never the machine's. Pure and tested.
 */

const ZONE_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** The Indonesian zone abbreviation (WIB/WITA/WIT), or the IANA name elsewhere. */
export function zoneLabel(timeZone: string): string {
  return ZONE_LABELS[timeZone] ?? timeZone;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** `14.05` (id) / `14:05` (en), 24-hour, in the office zone. */
export function formatClock(instantMs: number, timeZone: string, lang: Lang, seconds = false): string {
  const f = formatter(
    `clock|${timeZone}|${lang}|${seconds}`,
    () =>
      new Intl.DateTimeFormat(locale(lang), {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
        hourCycle: 'h23',
      }),
  );
  return f.format(new Date(instantMs));
}

/** `Sabtu, 28 November 2026` in the office zone. */
export function formatDate(instantMs: number, timeZone: string, lang: Lang): string {
  const f = formatter(
    `date|${timeZone}|${lang}`,
    () =>
      new Intl.DateTimeFormat(locale(lang), {
        timeZone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }),
  );
  return f.format(new Date(instantMs));
}

/** Whole minutes elapsed since `sinceMs`, never negative. */
export function minutesSince(sinceMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - sinceMs) / 60_000));
}

/** `07` min → `7 menit`; `95` → `1 j 35 mnt` / `1 h 35 min`. */
export function formatMinutes(minutes: number, lang: Lang): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return lang === 'id' ? `${m} menit` : `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return lang === 'id' ? `${h} j ${rest} mnt` : `${h} h ${rest} min`;
}

/**
 * Numbers held or called together, as short as a board can show them: a family's consecutive
 * numbers as a range (`A012–A014`), anything else listed (`A012, B003`).
 */
export function numberRange(numbers: readonly string[]): string {
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  if (!first || !last || numbers.length === 1) return first ?? '';
  const parse = (n: string) => /^([A-Z]+)(\d+)$/.exec(n);
  const consecutive = numbers.every((n, i) => {
    const [a, b] = [parse(n), parse(first)];
    return a && b && a[1] === b[1] && Number(a[2]) === Number(b[2]) + i;
  });
  return consecutive ? `${first}–${last}` : numbers.join(', ');
}
