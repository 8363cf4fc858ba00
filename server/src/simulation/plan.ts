import {
  clockMinutes,
  type CounterConfig,
  type OfficeConfig,
  type PlanRow,
  type StaffingPlan,
} from '@giliran/shared';

/**
 * Staffing plans: counters open per kind of counter (the set of stages it serves) per hour. The
 * simulated office has as many counters of each kind as the plan ever opens; the office's own
 * counters keep their ids and numbers, extra ones are numbered after them.
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

export interface SimCounter {
  id: string;
  number: number;
  stages: string[];
  /** Index of its plan row, and its rank within the row (rank < count ⇒ open). */
  row: number;
  rank: number;
}

/**
 * The counters of the simulated office: per plan row, the most the plan ever opens, reusing the
 * office's counters of that kind first (so a default plan is the office as configured).
 */
export function simCounters(config: OfficeConfig, plan: StaffingPlan): SimCounter[] {
  const kinds = new Map(counterKinds(config).map((k) => [kindKey(k.stages), k.counters]));
  let nextNumber = Math.max(0, ...config.counters.map((c) => c.number)) + 1;
  const out: SimCounter[] = [];
  plan.rows.forEach((row, r) => {
    const own = kinds.get(kindKey(row.stages)) ?? [];
    const most = Math.max(0, ...row.counters);
    for (let rank = 0; rank < most; rank++) {
      const c = own[rank];
      out.push(
        c
          ? { id: c.id, number: c.number, stages: [...c.stages], row: r, rank }
          : { id: `sim-${r + 1}-${rank + 1}`, number: nextNumber++, stages: [...row.stages], row: r, rank },
      );
    }
  });
  return out;
}
