import { z } from 'zod';
import { isRealDate } from './time.ts';

/**
 * The day simulator's inputs and figures (`npm run simulate`, the dashboard's "Perencanaan"),
 * defined once for the server, the CLI and the planner page.
 */

const stageId = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a stage id');
const minutes = z.number().positive().max(240);

/**
 * One row of a staffing plan: counters serving the same set of stages (as the office's counters
 * do, e.g. `["bap", "verifikasi"]`) and how many of them are open in each hour.
 * Example: `{ stages: ["foto"], counters: [0, 3, 3, 3, 3, 3, 3, 3, 2] }`.
 */
export const planRowSchema = z
  .object({
    stages: z.array(stageId).min(1).max(10),
    /** `counters[i]`: counters open in the hour starting at `startHour + i` (office-local). */
    counters: z.array(z.number().int().min(0).max(60)).min(1).max(24),
  })
  .strict();

export const staffingPlanSchema = z
  .object({
    name: z.string().trim().max(60).optional(),
    /** Office-local hour of the first column; counters never open before the office does. */
    startHour: z.number().int().min(0).max(23),
    rows: z.array(planRowSchema).min(1).max(20),
  })
  .strict()
  .refine((p) => p.rows.every((r) => p.startHour + r.counters.length <= 24), {
    message: 'the plan ends after midnight',
    path: ['rows'],
  });

export type PlanRow = z.infer<typeof planRowSchema>;
export type StaffingPlan = z.infer<typeof staffingPlanSchema>;

/**
 * Service time at a stage, per applicant. `fixed` for hand-checked tests; `lognormal` (right-skewed,
 * as counter work is) by its median; `empirical` samples durations seen in past days.
 */
export const serviceTimeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), minutes }).strict(),
  z
    .object({ kind: z.literal('lognormal'), medianMinutes: minutes, sigma: z.number().min(0).max(2) })
    .strict(),
  z.object({ kind: z.literal('empirical'), minutes: z.array(minutes).min(1).max(20_000) }).strict(),
]);
export type ServiceTime = z.infer<typeof serviceTimeSchema>;
/** Per stage id; a stage left out uses its configured default. */
export type ServiceTimes = Record<string, ServiceTime>;

/** How booked applicants turn up, as shares of bookings (the rest arrive inside their window). */
export const arrivalBehaviourSchema = z
  .object({
    earlyShare: z.number().min(0).max(1),
    lateShare: z.number().min(0).max(1),
    noShowShare: z.number().min(0).max(1),
  })
  .strict()
  .refine((b) => b.earlyShare + b.lateShare + b.noShowShare <= 1, {
    message: 'early + late + no-show shares exceed 1',
  });
export type ArrivalBehaviour = z.infer<typeof arrivalBehaviourSchema>;

/** The Denpasar-like day of issue 12: 20 % early, 10 % late, 8 % no-shows. */
export const DENPASAR_BEHAVIOUR: ArrivalBehaviour = { earlyShare: 0.2, lateShare: 0.1, noShowShare: 0.08 };

const walkIns = z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/), z.number().int().min(0).max(2000));

/** What every planner request says: the date, the target, and how the day's applicants behave. */
const planningRequest = z.object({
  date: z.string().refine(isRealDate, 'a real date as YYYY-MM-DD'),
  /** The p90 wait (minutes) the supervisor wants to stay under. */
  targetP90Minutes: z.number().int().min(5).max(480),
  behaviour: arrivalBehaviourSchema.optional(),
  /** Walk-ins expected per service id (default: the Denpasar mix). */
  walkIns: walkIns.optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
});

/** `POST /api/planning/suggest`: the fewest counters keeping p90 wait under the target. */
export const suggestBodySchema = planningRequest.strict();
export type SuggestBody = z.infer<typeof suggestBodySchema>;

/** `POST /api/planning/simulate`: one or two plans for a date's imported bookings. */
export const planningBodySchema = planningRequest
  .extend({ plans: z.array(staffingPlanSchema).min(1).max(2) })
  .strict();
export type PlanningBody = z.infer<typeof planningBodySchema>;

/** Wait figures of a group of tickets, in minutes (nearest-rank percentiles). */
export interface WaitFigures {
  count: number;
  p50: number;
  p90: number;
  max: number;
}

export interface HourFigures extends WaitFigures {
  /** `08:00`: the office-local hour. */
  hour: string;
  /** Tickets issued in the hour. */
  arrivals: number;
  /** Most people waiting at once during the hour (all stages). */
  waitingPeak: number;
  /** Applicants who finished their visit in the hour. */
  served: number;
  /** Counters open (planned) in the hour, all rows. */
  countersOpen: number;
}

export interface ServiceFigures extends WaitFigures {
  serviceId: string;
  arrivals: number;
  waitingPeak: number;
  served: number;
}

export interface StageFigures extends WaitFigures {
  stageId: string;
  /** Applicants served at the stage. */
  served: number;
}

/** What every simulated day reports. Waits are the time spent waiting over all stages of a visit. */
export interface SimulationResult {
  day: string;
  seed: number;
  planName: string | null;
  bookings: number;
  walkIns: number;
  /** Booked applicants who never came. */
  noShows: number;
  /** Arrivals the check-in refused (e.g. far too early) and did not come back. */
  refused: number;
  tickets: number;
  /** Every ticket's waits (for the wait distribution and the planner's target). */
  wait: WaitFigures;
  /** Wait until the first call only (what a printed estimate predicts). */
  firstWait: WaitFigures;
  hours: HourFigures[];
  services: ServiceFigures[];
  stages: StageFigures[];
  /**
   * On-time booked applicants (checked in inside their window): share called within 15/30/60 min,
   * counted from the later of arrival and window start (the engine's ordering time), and — stricter —
   * from the window start itself.
   */
  onTime: {
    count: number;
    within15: number;
    within30: number;
    within60: number;
    fromWindowStart: { within15: number; within30: number; within60: number };
  };
  priority: { count: number; longestWaitMinutes: number };
  /** Office-local `HH:MM` the last applicant finished, or null if nobody came. */
  lastLeavesAt: string | null;
  /** Applicants still waiting when no counter could serve them (a plan with a stage left unstaffed). */
  unserved: number;
  /** Minutes counters stood open and free within opening hours, per plan row and in total. */
  idleCounterMinutes: { total: number; rows: { stages: string[]; minutes: number }[] };
  /** Printed estimate vs the wait each ticket really had before its first call. */
  estimate: {
    count: number;
    p50AbsErrorMinutes: number;
    p80AbsErrorMinutes: number;
    /** Share within ±25 % or ±5 min of the real wait (target: ≥ 0.8, i.e. met at p80). */
    withinTolerance: number;
  };
  /** Tickets by total wait: `[0,15)`, `[15,30)` … minutes, the last bucket open-ended. */
  waitHistogram: { fromMinutes: number; toMinutes: number | null; count: number }[];
}

/** One simulated ticket (the CLI's JSON; not sent to the dashboard). */
export interface SimulatedTicket {
  number: string;
  serviceId: string;
  priority: boolean;
  /** `early` | `on_time` | `late` for bookings, `walk_in` otherwise. */
  arrival: 'early' | 'on_time' | 'late' | 'walk_in';
  checkedInAt: string;
  firstCalledAt: string | null;
  estimatedWaitMinutes: number;
  firstWaitMinutes: number | null;
  totalWaitMinutes: number | null;
}

/** `POST /api/planning/simulate` answer: per plan its result and the quota it can carry. */
export interface PlanningAnswer {
  date: string;
  bookings: number;
  serviceTimeSource: 'history' | 'config';
  plans: { plan: StaffingPlan; result: SimulationResult; quota: QuotaAnswer }[];
}

/** The daily quota question: bookings per hourly window the plan serves within the target. */
export interface QuotaAnswer {
  targetP90Minutes: number;
  bookingsPerHour: number;
  windows: number;
  /** p90 wait at that quota. */
  p90AtQuota: number;
}

/** `POST /api/planning/suggest` answer. */
export interface SuggestAnswer {
  date: string;
  bookings: number;
  serviceTimeSource: 'history' | 'config';
  plan: StaffingPlan;
  result: SimulationResult;
  /** False when even the largest plan tried misses the target. */
  met: boolean;
}
