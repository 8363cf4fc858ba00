import type { CounterConfig, OfficeConfig } from './config.ts';
import type { PlanRow, StaffingPlan } from './simulation.ts';
import { clockMinutes } from './time.ts';

/**
 * Staffing plans: how many counters of each kind (the set of stages a counter serves, as the
 * office's counters are configured) are open in each office hour. Used by the day simulator and
 * the dashboard's planner.
 */

const kindKey = (stages: readonly string[]) => [...stages].sort().join('+');

/** The configured counters grouped by the stages they serve, in configuration order. */
export function counterKinds(config: OfficeConfig): { stages: string[]; counters: CounterConfig[] }[] {
  const kinds = new Map<string, { stages: string[]; counters: CounterConfig[] }>();
  for (const c of config.counters) {
    const k = kinds.get(kindKey(c.stages)) ?? { stages: [...c.stages], counters: [] };
    k.counters.push(c);
    kinds.set(kindKey(c.stages), k);
  }
  return [...kinds.values()];
}

/** Counters of the office that serve exactly `stages` (the row's kind). */
export function countersOfKind(config: OfficeConfig, stages: readonly string[]): CounterConfig[] {
  return config.counters.filter((c) => kindKey(c.stages) === kindKey(stages));
}

/** Hours the office is open, as local hour numbers: 07:30–16:00 → 7 … 15. */
export function officeHours(config: OfficeConfig): number[] {
  const first = Math.floor(clockMinutes(config.office.openTime) / 60);
  const last = Math.ceil(clockMinutes(config.office.closeTime) / 60);
  return Array.from({ length: Math.max(0, last - first) }, (_, i) => first + i);
}

/** Every configured counter open all day: how the office runs when nobody plans. */
export function defaultPlan(config: OfficeConfig): StaffingPlan {
  const hours = officeHours(config);
  return {
    name: 'Semua loket / All counters',
    startHour: hours[0] ?? 8,
    rows: counterKinds(config).map((k) => ({
      stages: k.stages,
      counters: hours.map(() => k.counters.length),
    })),
  };
}

/** The same plan with `factor` times the counters (rounded up): a larger office. */
export function scalePlan(plan: StaffingPlan, factor: number): StaffingPlan {
  return {
    ...plan,
    rows: plan.rows.map((r) => ({ ...r, counters: r.counters.map((n) => Math.ceil(n * factor)) })),
  };
}

/** Counters open in a row at a local hour (0 outside the plan). */
export function countersAt(plan: StaffingPlan, row: PlanRow, hour: number): number {
  return row.counters[hour - plan.startHour] ?? 0;
}

/** Counter-hours of a plan: its cost in staff time. */
export function counterHours(plan: StaffingPlan): number {
  return plan.rows.reduce((n, r) => n + r.counters.reduce((a, b) => a + b, 0), 0);
}

/** Why a plan cannot run on this office's configuration, or null. */
export function planProblem(config: OfficeConfig, plan: StaffingPlan): string | null {
  const stages = new Set(config.stages.map((s) => s.id));
  for (const [i, row] of plan.rows.entries()) {
    const unknown = row.stages.find((s) => !stages.has(s));
    if (unknown) return `rows[${i}].stages: unknown stage "${unknown}"`;
  }
  const kinds = plan.rows.map((r) => kindKey(r.stages));
  const twice = kinds.findIndex((k, i) => kinds.indexOf(k) !== i);
  if (twice >= 0) return `rows[${twice}]: the same stages appear in two rows`;
  return null;
}
