import { localParts } from '@giliran/shared';
import type { DayRow, Figures, OfficeRow } from './reports.ts';
import type { WaitPercentile } from './stats.ts';

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: (string | number | null)[]) => fields.map(csvField).join(',');
const pct = (p: WaitPercentile | null) => (p ? p.minutes : null);

const FIGURE_COLUMNS = [
  'issued',
  'issued_booked',
  'issued_priority',
  'served',
  'no_shows',
  'recalls',
  'first_calls',
  'mean_wait_min',
  'median_wait_min',
  'p90_wait_min',
  'mean_service_min',
  'ikm_responses',
  'ikm',
  'ikm_grade',
];

function figureFields(f: Figures): (string | number | null)[] {
  return [
    f.issued,
    f.issuedBooked,
    f.issuedPriority,
    f.served,
    f.noShows,
    f.recalls,
    f.firstCalls,
    f.meanWaitMinutes,
    pct(f.medianWait),
    pct(f.p90Wait),
    f.meanServiceMinutes,
    f.ikm?.responses ?? 0,
    f.ikm?.index ?? null,
    f.ikm?.grade ?? null,
  ];
}

/** Per office over a range. `last_received` is office-local (`YYYY-MM-DD HH:MM`, its time_zone). */
export function officesCsv(rows: OfficeRow[], from: string, to: string): string {
  const out = [
    line([
      'office_code',
      'office_name',
      'region',
      'time_zone',
      'from',
      'to',
      ...FIGURE_COLUMNS,
      'last_received',
    ]),
  ];
  for (const o of rows) {
    const last = o.lastReceivedAt ? localParts(o.lastReceivedAt.getTime(), o.timeZone) : null;
    out.push(
      line([
        o.code,
        o.name,
        o.region,
        o.timeZone,
        from,
        to,
        ...figureFields(o),
        last ? `${last.date} ${last.time}` : null,
      ]),
    );
  }
  return `${out.join('\n')}\n`;
}

/** Per office and office-local day. */
export function daysCsv(rows: DayRow[]): string {
  const out = [line(['office_code', 'date', ...FIGURE_COLUMNS])];
  for (const d of rows) out.push(line([d.officeCode, d.day, ...figureFields(d)]));
  return `${out.join('\n')}\n`;
}
