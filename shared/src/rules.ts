import type { ApplicationType, CallPolicy, OfficeConfig } from './config.ts';
import type { Localized } from './i18n-types.ts';
import type { CallAnnouncement, Ticket } from './domain.ts';

/**
 * Who is called next (DESIGN §3). Pure; its tests are the spec.
 * 1. only tickets waiting at a stage the counter serves;
 * 2. priority before regular, but at most `priorityRunMax` priority calls in a row at a stage while a
 *    regular ticket there has waited longer than `regularMaxWaitMinutes`;
 * 3. by effective time (max(check-in, booked window start)), then check-in time, then number;
 * 4. a transferred ticket keeps its place: its effective time never changes between stages.
 */
export type OrderingPolicy = Pick<CallPolicy, 'priorityRunMax' | 'regularMaxWaitMinutes'>;

type Orderable = Pick<Ticket, 'effectiveAt' | 'checkedInAt' | 'seq' | 'serviceId'>;

/** Queue order within one lane. */
export function compareInLane(a: Orderable, b: Orderable): number {
  return (
    a.effectiveAt - b.effectiveAt ||
    a.checkedInAt - b.checkedInAt ||
    a.seq - b.seq ||
    (a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0)
  );
}

export interface PickContext {
  now: number;
  policy: OrderingPolicy;
  /** Consecutive priority calls so far at a stage. */
  priorityStreak(stageId: string): number;
}

/**
 * The waiting tickets at `stages` in the order a counter serving them would call them, calling
 * again and again from `now`. `pickNext` is its first element, so the counter console's waiting
 * list, the positions on tickets and phones, and the wait estimate can never disagree with who is
 * really called next. A family (group) is called together: its waiting members at the same stage
 * follow the first one and count as one call for the priority run.
 */
export function* callOrder<T extends Ticket>(
  tickets: Iterable<T>,
  stages: readonly string[],
  ctx: PickContext,
): Generator<T, void, undefined> {
  const priority: T[] = [];
  const regular: T[] = [];
  for (const t of tickets) {
    if (t.status !== 'waiting' || !stages.includes(t.stageId)) continue;
    (t.priority ? priority : regular).push(t);
  }
  priority.sort(compareInLane);
  regular.sort(compareInLane);
  yield* callOrderOfLanes(priority, regular, ctx, lastStarving(regular, starvingBefore(ctx)));
}

/** A regular ticket that has waited since before this instant is starving (rule 2). */
export function starvingBefore(ctx: Pick<PickContext, 'now' | 'policy'>): number {
  return ctx.now - ctx.policy.regularMaxWaitMinutes * 60_000;
}

/**
 * The index of the last ticket of a regular lane (in lane order) waiting since before `threshold`,
 * or -1. The lane is served from its front, so the regular tickets still waiting are "starving"
 * exactly while the next one's index is at most this: the longest wait of the lane's remaining
 * suffix is over the limit.
 */
export function lastStarving(regular: readonly Pick<Ticket, 'waitingSince'>[], threshold: number): number {
  for (let k = regular.length - 1; k >= 0; k--) if ((regular[k] as Ticket).waitingSince < threshold) return k;
  return -1;
}

/**
 * The call order of two lanes already in `compareInLane` order (priority and regular tickets, all
 * waiting at the stages served), given the index of the regular lane's last starving ticket
 * (`lastStarving`). `callOrder` sorts and calls this; a server that keeps its lanes sorted as
 * tickets change calls it directly, so the order has one definition. `groupMates(t, lane)` lists
 * t's waiting family members in the same lane and stage, in lane order (t included); by default
 * found by scanning the lane.
 */
export function* callOrderOfLanes<T extends Ticket>(
  priority: readonly T[],
  regular: readonly T[],
  ctx: PickContext,
  starvingUntil: number,
  groupMates: (t: T, lane: readonly T[]) => readonly T[] = (t, lane) =>
    lane.filter((m) => m.groupId === t.groupId && m.stageId === t.stageId),
): Generator<T, void, undefined> {
  const streak = new Map<string, number>();
  const streakAt = (stage: string) => streak.get(stage) ?? ctx.priorityStreak(stage);
  const taken = new Set<string>();
  let p = 0;
  let r = 0;
  for (;;) {
    while (p < priority.length && taken.has((priority[p] as T).id)) p++;
    while (r < regular.length && taken.has((regular[r] as T).id)) r++;
    const bestPriority = priority[p];
    const bestRegular = regular[r];
    if (!bestPriority && !bestRegular) return;
    let next: T;
    if (!bestPriority) next = bestRegular as T;
    else if (!bestRegular) next = bestPriority;
    else {
      const regularStarving = r <= starvingUntil;
      const runExhausted = streakAt(bestPriority.stageId) >= ctx.policy.priorityRunMax;
      next = regularStarving && runExhausted ? bestRegular : bestPriority;
    }
    streak.set(next.stageId, next.priority ? streakAt(next.stageId) + 1 : 0);
    const lane = next.priority ? priority : regular;
    const group = next.groupId ? groupMates(next, lane).filter((t) => !taken.has(t.id)) : [next];
    for (const t of group) {
      taken.add(t.id);
      yield t;
    }
  }
}

/** Who is called next by a counter serving `stages` (the first of `callOrder`), or null. */
export function pickNext<T extends Ticket>(
  tickets: Iterable<T>,
  stages: readonly string[],
  ctx: PickContext,
): T | null {
  for (const t of callOrder(tickets, stages, ctx)) return t;
  return null;
}

/**
 * People ahead of every waiting ticket at `stageId`: its index in the stage's call order. Used for
 * tickets, phones and the wait estimate.
 */
export function positionsAtStage<T extends Ticket>(
  tickets: Iterable<T>,
  stageId: string,
  ctx: PickContext,
): Map<string, number> {
  const positions = new Map<string, number>();
  let i = 0;
  for (const t of callOrder(tickets, [stageId], ctx)) positions.set(t.id, i++);
  return positions;
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

/** How many recent calls the board shows and a snapshot carries. */
export const RECENT_CALLS_KEPT = 8;

function sameCall(a: CallAnnouncement, b: CallAnnouncement): boolean {
  return (
    a.at === b.at &&
    a.counterId === b.counterId &&
    a.recall === b.recall &&
    a.numbers.join() === b.numbers.join()
  );
}

/**
 * The recent-calls list (newest first) after `calls` (oldest first) were made. One builder for the
 * server's state, its restart, and every screen: a call delivered twice is kept once, and of calls
 * at the same instant the later one is current.
 */
export function withRecentCalls(
  list: readonly CallAnnouncement[],
  calls: readonly CallAnnouncement[],
): CallAnnouncement[] {
  const fresh = calls.filter((c) => !list.some((r) => sameCall(r, c))).reverse();
  if (!fresh.length) return [...list];
  return [...fresh, ...list].sort((a, b) => b.at - a.at).slice(0, RECENT_CALLS_KEPT);
}
