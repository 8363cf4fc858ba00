import {
  counterHours,
  counterKinds,
  officeHours,
  type ArrivalBehaviour,
  type Booking,
  type OfficeConfig,
  type QuotaAnswer,
  type ServiceTimes,
  type SimulationResult,
  type StaffingPlan,
} from '@giliran/shared';
import { simulate } from './index.ts';
import type { SimulationRun } from './simulate.ts';

/**
 * The capacity planner's questions, answered by simulating the day again and again (pure; the
 * server runs it in a worker thread): compare plans, the daily quota a plan carries, and the
 * fewest counters that keep the p90 wait under a target.
 */
export interface PlannerInput {
  config: OfficeConfig;
  day: string;
  bookings: readonly Booking[];
  behaviour: ArrivalBehaviour;
  walkIns: Record<string, number>;
  serviceTimes?: ServiceTimes;
  seed: number;
  targetP90Minutes: number;
}

const MINUTE = 60_000;

function run(input: PlannerInput, plan: StaffingPlan, bookings: readonly Booking[] = input.bookings) {
  return simulate({
    config: input.config,
    day: input.day,
    bookings,
    plan,
    behaviour: input.behaviour,
    walkIns: input.walkIns,
    ...(input.serviceTimes ? { serviceTimes: input.serviceTimes } : {}),
    seed: input.seed,
  });
}

/** A plan meets the target when everyone is served and the p90 wait is within it. */
const meets = (r: SimulationResult, target: number) => r.unserved === 0 && r.wait.p90 <= target;

/** Each plan's simulated day and the quota it carries. */
export function comparePlans(
  input: PlannerInput,
  plans: readonly StaffingPlan[],
): { plan: StaffingPlan; result: SimulationResult; quota: QuotaAnswer }[] {
  return plans.map((plan) => ({ plan, result: run(input, plan).result, quota: quotaFor(input, plan) }));
}

/** Most bookings per hourly window the quota question looks at (8 windows: 1,200 a day). */
export const MAX_QUOTA_PER_HOUR = 150;

/**
 * The daily quota question: the most bookings per hourly window (the date's windows, else every
 * office hour from the first full one) the plan serves with p90 wait within the target, the same
 * walk-ins and arrival behaviour as the date.
 */
export function quotaFor(input: PlannerInput, plan: StaffingPlan): QuotaAnswer {
  const hours = windowHours(input);
  const p90At = (perHour: number) => run(input, plan, quotaBookings(input, perHour)).result;
  const answer = (perHour: number, r: SimulationResult | null): QuotaAnswer => ({
    targetP90Minutes: input.targetP90Minutes,
    bookingsPerHour: perHour,
    windows: hours.length,
    p90AtQuota: r?.wait.p90 ?? 0,
  });
  // Start from the date's own load; few bookings say little (a handful of walk-ins waiting for a
  // counter that opens later can miss the target alone), so search from there: up by doubling,
  // then halve the gap between the last load met and the first missed.
  const own = Math.max(1, Math.min(MAX_QUOTA_PER_HOUR, Math.round(input.bookings.length / hours.length)));
  let ok: { n: number; r: SimulationResult | null } = { n: 0, r: null };
  let bad = MAX_QUOTA_PER_HOUR + 1;
  const first = p90At(own);
  if (meets(first, input.targetP90Minutes)) {
    ok = { n: own, r: first };
    let n = own;
    while (ok.n < MAX_QUOTA_PER_HOUR) {
      n = Math.min(n * 2, MAX_QUOTA_PER_HOUR);
      const r = p90At(n);
      if (!meets(r, input.targetP90Minutes)) {
        bad = n;
        break;
      }
      ok = { n, r };
    }
  } else bad = own;
  while (bad - ok.n > 1 && ok.n < MAX_QUOTA_PER_HOUR) {
    const mid = (ok.n + bad) >> 1;
    const r = p90At(mid);
    if (meets(r, input.targetP90Minutes)) ok = { n: mid, r };
    else bad = mid;
  }
  return answer(ok.n, ok.r);
}

/** Local hours whose window the quota fills: the date's booked windows, else the office's. */
function windowHours(input: PlannerInput): number[] {
  const booked = [...new Set(input.bookings.map((b) => Number(b.windowStart.slice(0, 2))))].sort(
    (a, b) => a - b,
  );
  if (booked.length) return booked;
  const hours = officeHours(input.config);
  // From the first full hour: an office opening at 07:30 books from 08:00.
  return Number(input.config.office.openTime.slice(3)) > 0 ? hours.slice(1) : hours;
}

/** `perHour` paid single bookings in each quota window (the quota's day; no personal data). */
export function quotaBookings(input: PlannerInput, perHour: number): Booking[] {
  const hours = windowHours(input);
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const out: Booking[] = [];
  for (let i = 0; i < perHour; i++)
    for (const h of hours)
      out.push({
        code: `Q${String(h).padStart(2, '0')}${String(i).padStart(4, '0')}`,
        maskedNik: '',
        fullName: '',
        birthDate: '2000-01-01',
        applicationType: 'baru',
        officeCode: input.config.office.code,
        arrivalDate: input.day,
        windowStart: hh(h),
        windowEnd: hh(h + 1),
        paymentStatus: 'paid',
        accountId: `Q${h}-${i}`,
      });
  return out;
}

/** At most this many simulated days for one suggestion (each a few tens of milliseconds). */
export const SUGGEST_BUDGET = 90;
const MAX_PER_ROW = 30;

/**
 * The fewest counters keeping the p90 wait within the target: start with one counter of every
 * kind all day; while the target is missed, add a counter where applicants wait longest (the stage
 * with the most waiting time, in the hours its waits run long); then take counters away, last
 * hours first, wherever the target still holds and every stage keeps a counter. Bounded by
 * `SUGGEST_BUDGET` simulated days.
 */
export function suggestPlan(input: PlannerInput): {
  plan: StaffingPlan;
  result: SimulationResult;
  met: boolean;
} {
  const target = input.targetP90Minutes;
  const hours = officeHours(input.config);
  const kinds = counterKinds(input.config);
  let plan: StaffingPlan = {
    name: `Saran / Suggested (p90 ≤ ${target} mnt)`,
    startHour: hours[0] ?? 8,
    rows: kinds.map((k) => ({ stages: k.stages, counters: hours.map(() => 1) })),
  };
  let budget = SUGGEST_BUDGET;
  let current = run(input, plan);
  budget--;
  while (!meets(current.result, target) && budget > 0) {
    const next = addWhereWaitsAre(plan, current.run, target);
    if (!next) break;
    plan = next;
    current = run(input, plan);
    budget--;
  }
  if (!meets(current.result, target)) return { plan, result: current.result, met: false };
  // Take away what is not needed, from the end of the day backwards.
  for (let h = hours.length - 1; h >= 0 && budget > 0; h--) {
    for (let r = 0; r < plan.rows.length && budget > 0; r++) {
      if ((plan.rows[r]?.counters[h] ?? 0) === 0) continue;
      const fewer = withCount(plan, r, h, -1);
      if (leavesStageUnstaffed(fewer, h)) continue;
      const trial = run(input, fewer);
      budget--;
      if (meets(trial.result, target)) {
        plan = fewer;
        current = trial;
      }
    }
  }
  return { plan, result: current.result, met: true };
}

/** True when some stage has no counter at all in the plan's hour column `h`: its walk-ins would be stranded. */
function leavesStageUnstaffed(plan: StaffingPlan, h: number): boolean {
  const stages = new Set(plan.rows.flatMap((r) => r.stages));
  for (const r of plan.rows) if ((r.counters[h] ?? 0) > 0) for (const s of r.stages) stages.delete(s);
  return stages.size > 0;
}

function withCount(plan: StaffingPlan, row: number, hourIndex: number, delta: number): StaffingPlan {
  return {
    ...plan,
    rows: plan.rows.map((r, i) =>
      i === row
        ? {
            ...r,
            counters: r.counters.map((n, h) =>
              h === hourIndex ? Math.max(0, Math.min(MAX_PER_ROW, n + delta)) : n,
            ),
          }
        : r,
    ),
  };
}

/**
 * One more counter for the stage applicants spent the most time waiting at, in every hour its
 * waits (by when they began) ran past half the target — at least its worst hour — on the row
 * serving the fewest stages. Null when nothing can be added.
 */
function addWhereWaitsAre(plan: StaffingPlan, day: SimulationRun, target: number): StaffingPlan | null {
  const waitedAt = new Map<string, number>();
  const byHour = new Map<string, number[]>(); // `${stage}|${hour}` → waits (min)
  for (const t of day.tickets)
    for (const w of t.stageWaits) {
      waitedAt.set(w.stageId, (waitedAt.get(w.stageId) ?? 0) + w.waitedMs);
      const hour = Math.floor((w.calledAt - w.waitedMs - day.midnight) / (60 * MINUTE));
      const key = `${w.stageId}|${hour}`;
      byHour.set(key, [...(byHour.get(key) ?? []), w.waitedMs / MINUTE]);
    }
  const stages = [...waitedAt.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  for (const stage of stages) {
    const row = plan.rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.stages.includes(stage))
      .sort((a, b) => a.r.stages.length - b.r.stages.length)[0];
    if (!row) continue;
    const p90 = (h: number) => {
      const w = [...(byHour.get(`${stage}|${h}`) ?? [])].sort((a, b) => a - b);
      return w.length ? (w[Math.ceil(0.9 * w.length) - 1] as number) : 0;
    };
    const hours = row.r.counters.map((_, k) => plan.startHour + k);
    let chosen = hours.filter((h) => p90(h) > target / 2);
    if (!chosen.length) {
      const worst = hours.reduce((a, b) => (p90(b) > p90(a) ? b : a), hours[0] ?? plan.startHour);
      chosen = [worst];
    }
    const next = chosen.reduce((p, h) => withCount(p, row.i, h - plan.startHour, +1), plan);
    if (counterHours(next) > counterHours(plan)) return next;
  }
  return null;
}
