import type { ApplicationType, CallPolicy, OfficeConfig } from './config.ts';
import type { Localized } from './i18n-types.ts';
import type { Ticket } from './domain.ts';

/**
 * Who is called next (DESIGN §3). Pure; its tests are the spec.
 * 1. only tickets waiting at a stage the counter serves;
 * 2. priority before regular, but at most `priorityRunMax` priority calls in a row at a stage while a
 *    regular ticket there has waited longer than `regularMaxWaitMinutes`;
 * 3. by effective time (max(check-in, booked window start)), then check-in time, then number;
 * 4. a transferred ticket keeps its place: its effective time never changes between stages.
 */
export type OrderingPolicy = Pick<CallPolicy, 'priorityRunMax' | 'regularMaxWaitMinutes'>;

type Orderable = Pick<Ticket, 'effectiveAt' | 'checkedInAt' | 'seq' | 'serviceId' | 'priority'>;

/** Queue order within one lane. */
export function compareInLane(a: Orderable, b: Orderable): number {
  return (
    a.effectiveAt - b.effectiveAt ||
    a.checkedInAt - b.checkedInAt ||
    a.seq - b.seq ||
    (a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0)
  );
}

/** Queue order across lanes, ignoring run limits: priority first. Used for "people ahead". */
export function compareForPosition(a: Orderable, b: Orderable): number {
  return Number(b.priority) - Number(a.priority) || compareInLane(a, b);
}

export interface PickContext {
  now: number;
  policy: OrderingPolicy;
  /** Consecutive priority calls so far at a stage. */
  priorityStreak(stageId: string): number;
}

export function pickNext<T extends Ticket>(
  tickets: Iterable<T>,
  stages: readonly string[],
  ctx: PickContext,
): T | null {
  let bestPriority: T | null = null;
  let bestRegular: T | null = null;
  let oldestRegularWaitingSince = Infinity;
  for (const t of tickets) {
    if (t.status !== 'waiting' || !stages.includes(t.stageId)) continue;
    if (t.priority) {
      if (!bestPriority || compareInLane(t, bestPriority) < 0) bestPriority = t;
    } else {
      if (!bestRegular || compareInLane(t, bestRegular) < 0) bestRegular = t;
      if (t.waitingSince < oldestRegularWaitingSince) oldestRegularWaitingSince = t.waitingSince;
    }
  }
  if (!bestPriority) return bestRegular;
  if (!bestRegular) return bestPriority;
  const regularStarving = ctx.now - oldestRegularWaitingSince > ctx.policy.regularMaxWaitMinutes * 60_000;
  const runExhausted = ctx.priorityStreak(bestPriority.stageId) >= ctx.policy.priorityRunMax;
  return regularStarving && runExhausted ? bestRegular : bestPriority;
}

/** Median of a list of numbers, or `fallback` when empty. */
export function median(values: readonly number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Nearest-rank percentile (`q` in 0..1) of a list, or `fallback` when empty: the smallest value with
 * at least `q` of the list at or below it. p50 of [1, 2, 3, 4] is 2; p90 of ten values is the 9th.
 */
export function percentile(values: readonly number[], q: number, fallback: number): number {
  if (values.length === 0) return fallback;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * The documents to have ready for a ticket or booking: its application type's list, else its
 * service's walk-in list. One rule for the kiosk, the printed ticket and the counter console, so no
 * applicant is asked at the counter for a document the kiosk never named (DESIGN §3).
 */
export function checklistFor(
  config: OfficeConfig,
  t: { applicationType: ApplicationType | null; serviceId: string },
): Localized[] {
  if (t.applicationType) return config.checklists[t.applicationType] ?? [];
  return config.services.find((s) => s.id === t.serviceId)?.checklist ?? [];
}
