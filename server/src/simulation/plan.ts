import { countersOfKind, type OfficeConfig, type StaffingPlan } from '@giliran/shared';

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
 * office's counters of that kind first (so a default plan is the office as configured) and
 * numbering extra ones after the office's own.
 */
export function simCounters(config: OfficeConfig, plan: StaffingPlan): SimCounter[] {
  let nextNumber = Math.max(0, ...config.counters.map((c) => c.number)) + 1;
  const out: SimCounter[] = [];
  plan.rows.forEach((row, r) => {
    const own = countersOfKind(config, row.stages);
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
