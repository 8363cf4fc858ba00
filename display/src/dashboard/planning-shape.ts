import {
  counterHours,
  officeDay,
  type Lang,
  type OfficeConfig,
  type QuotaAnswer,
  type SimulationResult,
  type StaffingPlan,
} from '@giliran/shared';

/** Pure data shaping of the planner page ("Perencanaan"); the page itself only renders. */

/** The office's next day (the planner is for tomorrow's imported bookings by default). */
export function nextOfficeDay(nowMs: number, timeZone: string): string {
  const today = officeDay(nowMs, timeZone);
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Most counters of one kind the planner offers in an hour (the server accepts up to 60). */
export const MAX_COUNTERS = 60;

/** The plan with `value` counters in row `row`, hour column `column` (whole, 0–60; junk is 0). */
export function setCounters(plan: StaffingPlan, row: number, column: number, value: number): StaffingPlan {
  const n = Number.isFinite(value) ? Math.min(MAX_COUNTERS, Math.max(0, Math.round(value))) : 0;
  return {
    ...plan,
    rows: plan.rows.map((r, i) =>
      i === row ? { ...r, counters: r.counters.map((c, k) => (k === column ? n : c)) } : r,
    ),
  };
}

/** `07:00`, `08:00`, … for the plan's hour columns. */
export function planHourLabels(plan: StaffingPlan): string[] {
  const width = Math.max(0, ...plan.rows.map((r) => r.counters.length));
  return Array.from({ length: width }, (_, i) => `${String(plan.startHour + i).padStart(2, '0')}:00`);
}

/** A row's label: the names of the stages its counters serve, joined with "+". */
export function rowLabel(config: OfficeConfig, stages: readonly string[], lang: Lang): string {
  return stages.map((s) => config.stages.find((x) => x.id === s)?.name[lang] ?? s).join(' + ');
}

export interface PlanOutcome {
  plan: StaffingPlan;
  result: SimulationResult | null;
  quota: QuotaAnswer | null;
}

const LABELS = {
  id: {
    title: 'Perencanaan loket',
    plan: 'Rencana',
    countersFor: 'Loket untuk',
    figure: 'Angka',
    counterHours: 'Jam-loket',
    p50: 'Tunggu p50 (menit)',
    p90: 'Tunggu p90 (menit)',
    firstP90: 'Tunggu sampai dipanggil p90 (menit)',
    onTime30: 'Tepat waktu dipanggil ≤ 30 menit (%)',
    priority: 'Tunggu terlama prioritas (menit)',
    last: 'Pemohon terakhir pulang',
    idle: 'Loket menganggur (menit)',
    quota: 'Kuota per jam (p90 ≤ {target} menit)',
  },
  en: {
    title: 'Staffing plan',
    plan: 'Plan',
    countersFor: 'Counters for',
    figure: 'Figure',
    counterHours: 'Counter-hours',
    p50: 'p50 wait (min)',
    p90: 'p90 wait (min)',
    firstP90: 'p90 wait until called (min)',
    onTime30: 'On-time called within 30 min (%)',
    priority: 'Longest priority wait (min)',
    last: 'Last applicant leaves',
    idle: 'Idle counter time (min)',
    quota: 'Quota per hour (p90 ≤ {target} min)',
  },
} as const;

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The plans (A, B…) and their simulated figures as CSV, for the office's files: the counters per
 * kind and hour, then one line per figure with a column per plan.
 */
export function planCsv(opts: {
  date: string;
  config: OfficeConfig;
  lang: Lang;
  outcomes: readonly PlanOutcome[];
}): string {
  const L = LABELS[opts.lang];
  const letters = opts.outcomes.map((_, i) => String.fromCharCode(65 + i));
  const lines: (string | number)[][] = [[L.title, opts.date, opts.config.office.name]];
  const hours = planHourLabels(opts.outcomes[0]?.plan ?? { startHour: 0, rows: [] });
  lines.push([L.plan, L.countersFor, ...hours]);
  opts.outcomes.forEach((o, i) => {
    for (const r of o.plan.rows)
      lines.push([
        `${letters[i]}${o.plan.name ? ` ${o.plan.name}` : ''}`,
        rowLabel(opts.config, r.stages, opts.lang),
        ...hours.map((_, k) => r.counters[k] ?? 0),
      ]);
  });
  lines.push([]);
  lines.push([L.figure, ...letters]);
  const figure = (label: string, f: (o: PlanOutcome) => string | number | null | undefined) =>
    lines.push([label, ...opts.outcomes.map((o) => f(o) ?? '')]);
  figure(L.counterHours, (o) => counterHours(o.plan));
  figure(L.p50, (o) => o.result?.wait.p50);
  figure(L.p90, (o) => o.result?.wait.p90);
  figure(L.firstP90, (o) => o.result?.firstWait.p90);
  figure(L.onTime30, (o) => (o.result ? Math.round(o.result.onTime.within30 * 1000) / 10 : null));
  figure(L.priority, (o) => o.result?.priority.longestWaitMinutes);
  figure(L.last, (o) => o.result?.lastLeavesAt);
  figure(L.idle, (o) => o.result?.idleCounterMinutes.total);
  const target = opts.outcomes.find((o) => o.quota)?.quota?.targetP90Minutes ?? '';
  figure(L.quota.replace('{target}', String(target)), (o) => o.quota?.bookingsPerHour);
  return `${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`;
}

/** Download name of a plan comparison: `giliran-DPS-rencana-2026-03-03.csv`. */
export function planFileName(officeCode: string, date: string): string {
  return `giliran-${officeCode}-rencana-${date}.csv`;
}
