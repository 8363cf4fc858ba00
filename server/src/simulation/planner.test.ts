import {
  counterHours,
  DENPASAR_BEHAVIOUR,
  defaultPlan,
  type PlanRow,
  type StaffingPlan,
} from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import { loadOfficeConfig } from '../config.ts';
import { DENPASAR_WALK_INS, generatedBookings, simulate } from './index.ts';
import { comparePlans, quotaBookings, quotaFor, suggestPlan, type PlannerInput } from './planner.ts';

const config = loadOfficeConfig();
const DAY = '2026-03-02';
const input: PlannerInput = {
  config,
  day: DAY,
  bookings: generatedBookings(config, DAY, 160, 3),
  behaviour: DENPASAR_BEHAVIOUR,
  walkIns: DENPASAR_WALK_INS,
  seed: 3,
  targetP90Minutes: 40,
};
const withRow = (plan: StaffingPlan, stages: string, n: number): StaffingPlan => ({
  ...plan,
  rows: plan.rows.map((r: PlanRow) =>
    r.stages.join('+') === stages ? { ...r, counters: r.counters.map(() => n) } : r,
  ),
});

describe('capacity planner', () => {
  it('the quota is the most bookings per hour within the target: met there, missed one above', () => {
    const plan = withRow(defaultPlan(config), 'foto', 4);
    const q = quotaFor(input, plan);
    expect(q.windows).toBe(8); // 08:00–15:00
    expect(q.bookingsPerHour).toBeGreaterThan(5);
    expect(q.p90AtQuota).toBeLessThanOrEqual(40);
    const day = (perHour: number) =>
      simulate({ ...input, plan, bookings: quotaBookings(input, perHour) }).result.wait.p90;
    expect(day(q.bookingsPerHour)).toBe(q.p90AtQuota);
    expect(day(q.bookingsPerHour + 1)).toBeGreaterThan(40);
  }, 30_000);

  it('compares plans on the same day: same people, the better-staffed plan waits less', () => {
    const [three, five] = comparePlans(input, [
      withRow(defaultPlan(config), 'foto', 3),
      withRow(defaultPlan(config), 'foto', 5),
    ]);
    expect(five?.result.tickets).toBe(three?.result.tickets);
    expect(five!.result.wait.p90).toBeLessThan(three!.result.wait.p90);
  }, 30_000);

  it('suggests a plan that meets the target, every stage staffed, in fewer counter-hours', () => {
    const s = suggestPlan(input);
    expect(s.met).toBe(true);
    expect(s.result.wait.p90).toBeLessThanOrEqual(40);
    const stages = config.stages.map((x) => x.id);
    s.plan.rows[0]!.counters.forEach((_, h) => {
      const staffed = new Set(s.plan.rows.filter((r) => (r.counters[h] ?? 0) > 0).flatMap((r) => r.stages));
      expect([...staffed].sort(), `hour column ${h}`).toEqual([...stages].sort());
    });
    // Fewer counter-hours than the office's all-day plan, which misses this target.
    const all = comparePlans(input, [defaultPlan(config)])[0]!;
    expect(all.result.wait.p90).toBeGreaterThan(40);
    expect(counterHours(s.plan)).toBeLessThan(counterHours(defaultPlan(config)));
  }, 30_000);
});
