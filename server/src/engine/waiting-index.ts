import {
  callOrderOfLanes,
  compareInLane,
  lastStarving,
  starvingBefore,
  type PickContext,
  type Ticket,
} from '@giliran/shared';

/**
 * The waiting tickets of the day kept in call-order lanes as they change, so that a commit, a
 * check-in or a call costs work in proportion to what changed, not to the day (DESIGN §9: a
 * 25,000-ticket day). Updated by `applyChanges` only; every answer equals the from-scratch one
 * (`callOrder`, `positionsAtStage`), which the tests check on random days.
 *
 * Per stage: the priority and regular lanes in `compareInLane` order (binary search to insert or
 * remove), how many waiting tickets there belong to a family, and a cached "last starving" index of
 * the regular lane that only moves forward with time. Per service: waiting counts. Per family and
 * stage: the waiting members. Per service: check-in times, for the join rate of the wait estimate.
 */
export class WaitingIndex {
  private readonly stages = new Map<string, StageLanes>();
  private readonly waitingOfService = new Map<string, number>();
  private readonly families = new Map<string, Ticket[]>();
  private readonly joins = new Map<string, JoinLog>();
  /**
   * Each ticket's place in the day's ticket map (first seen first). `callOrder` sorts that map's
   * tickets with a stable sort, so tickets equal by `compareInLane` keep this order; the lanes must
   * break ties the same way (e.g. a walk-in transferred into another service's lane at the same
   * instant, same sequence number).
   */
  private readonly ordinal = new Map<string, number>();
  private readonly inLane = (a: Ticket, b: Ticket) =>
    compareInLane(a, b) || (this.ordinal.get(a.id) ?? 0) - (this.ordinal.get(b.id) ?? 0);

  /** Records that `prev` (the stored version, if any) became `next`. */
  update(prev: Ticket | undefined, next: Ticket): void {
    if (!this.ordinal.has(next.id)) this.ordinal.set(next.id, this.ordinal.size);
    if (prev && prev.status === 'waiting') this.remove(prev);
    if (next.status === 'waiting') this.insert(next);
    const joinedBefore = prev ? joinedOnOwnTime(prev) : false;
    const joinedNow = joinedOnOwnTime(next);
    if (
      prev &&
      joinedBefore === joinedNow &&
      prev.serviceId === next.serviceId &&
      prev.checkedInAt === next.checkedInAt &&
      prev.priority === next.priority
    )
      return;
    if (prev && joinedBefore) this.joinLog(prev.serviceId).remove(prev);
    if (joinedNow) this.joinLog(next.serviceId).insert(next);
  }

  /** The lanes of a stage (empty when no one waits there). Read-only views. */
  lanes(stageId: string): { priority: readonly Ticket[]; regular: readonly Ticket[] } {
    return this.stages.get(stageId) ?? EMPTY_LANES;
  }

  /** Stages with someone waiting. */
  waitingStages(): string[] {
    return [...this.stages].filter(([, l]) => l.priority.length + l.regular.length > 0).map(([id]) => id);
  }

  waitingAt(stageId: string): number {
    const l = this.stages.get(stageId);
    return l ? l.priority.length + l.regular.length : 0;
  }

  /** Whether a family waits at the stage (then its call order is walked, not computed). */
  familiesWaitAt(stageId: string): boolean {
    return (this.stages.get(stageId)?.grouped ?? 0) > 0;
  }

  /** How many services have tickets in a lane of a stage. */
  servicesIn(stageId: string, priority: boolean): number {
    const l = this.stages.get(stageId);
    return l ? (priority ? l.priorityServices : l.regularServices).size : 0;
  }

  waitingOf(serviceId: string): number {
    return this.waitingOfService.get(serviceId) ?? 0;
  }

  /** A family's waiting members at a stage, in lane order (`compareInLane`). */
  familyAt(groupId: string, stageId: string): readonly Ticket[] {
    return this.families.get(familyKey(groupId, stageId)) ?? [];
  }

  /** Check-ins of a service since `since` on their own time, all and priority. */
  joinedSince(serviceId: string, since: number): { all: number; priority: number } {
    return this.joins.get(serviceId)?.since(since) ?? { all: 0, priority: 0 };
  }

  /** The same check-ins themselves (for a service the configuration does not name). */
  joinedTicketsSince(serviceId: string, since: number): readonly Ticket[] {
    return this.joins.get(serviceId)?.ticketsSince(since) ?? [];
  }

  /** Services with check-ins recorded (for services the configuration no longer names). */
  joinedServices(): string[] {
    return [...this.joins.keys()];
  }

  /** Index in the stage's regular lane of its last starving ticket at `ctx.now`, or -1. */
  lastStarvingAt(stageId: string, ctx: Pick<PickContext, 'now' | 'policy'>): number {
    const l = this.stages.get(stageId);
    return l ? l.starving.lastAt(l.regular, starvingBefore(ctx)) : -1;
  }

  /**
   * The call order of one stage, lazily (no sort: the lanes are kept sorted). Taking its first few
   * costs only those few.
   */
  callOrderAt(stageId: string, ctx: PickContext): Generator<Ticket, void, undefined> {
    const l = this.lanes(stageId);
    return callOrderOfLanes(l.priority, l.regular, ctx, this.lastStarvingAt(stageId, ctx), (t, lane) =>
      this.familyAt(t.groupId as string, t.stageId).filter((m) => m.priority === (lane === l.priority)),
    );
  }

  /**
   * The call order of a counter serving several stages: the stages' lanes merged (linear, no sort)
   * and the merged regular lane's last starving ticket found from each stage's.
   */
  callOrderOf(stages: readonly string[], ctx: PickContext): Generator<Ticket, void, undefined> {
    if (stages.length === 1) return this.callOrderAt(stages[0] as string, ctx);
    const own = [...new Set(stages)].map((s) => ({ id: s, lanes: this.lanes(s) }));
    const priority = mergeSorted(
      own.map((o) => o.lanes.priority),
      this.inLane,
    );
    const regular = mergeSorted(
      own.map((o) => o.lanes.regular),
      this.inLane,
    );
    // The merged lane's last starving ticket is the latest (in lane order) of each stage's.
    let last: Ticket | null = null;
    for (const o of own) {
      const i = this.lastStarvingAt(o.id, ctx);
      const t = i >= 0 ? (o.lanes.regular[i] as Ticket) : null;
      if (t && (!last || this.inLane(t, last) > 0)) last = t;
    }
    const starvingUntil = last ? regular.indexOf(last) : -1;
    const stageSet = new Set(stages);
    return callOrderOfLanes(priority, regular, ctx, starvingUntil, (t, lane) =>
      this.familyAt(t.groupId as string, t.stageId).filter(
        (m) => stageSet.has(m.stageId) && m.priority === (lane === priority),
      ),
    );
  }

  /**
   * People ahead of a waiting ticket in its stage's call order, in O(log n) when no family waits at
   * the stage (then the order is two sorted lanes interleaved by rule 2, and a position is
   * arithmetic); with families, by walking the order up to the ticket.
   */
  positionOf(t: Ticket, ctx: PickContext): number | undefined {
    if (t.status !== 'waiting') return undefined;
    const l = this.stages.get(t.stageId);
    if (!l) return undefined;
    if (l.grouped > 0) {
      let i = 0;
      for (const x of this.callOrderAt(t.stageId, ctx)) {
        if (x.id === t.id) return i;
        i++;
      }
      return undefined;
    }
    const lane = t.priority ? l.priority : l.regular;
    const at = findIn(lane, t, this.inLane);
    if (at < 0) return undefined;
    const k = ctx.policy.priorityRunMax;
    const P = l.priority.length;
    // Regular tickets called while the regular lane is starving and priority ones remain.
    const cap = Math.min(l.regular.length, l.starving.lastAt(l.regular, starvingBefore(ctx)) + 1);
    // Priority calls before the first regular one (the run left at this stage).
    const first = Math.max(0, k - ctx.priorityStreak(t.stageId));
    if (t.priority) {
      const regularsBefore = k <= 0 ? cap : at >= first ? Math.min(cap, Math.floor((at - first) / k) + 1) : 0;
      return at + regularsBefore;
    }
    if (at >= cap) return at + P;
    return at + (k <= 0 ? 0 : Math.min(P, first + at * k));
  }

  private lanesOf(stageId: string): StageLanes {
    let l = this.stages.get(stageId);
    if (!l)
      this.stages.set(
        stageId,
        (l = {
          priority: [],
          regular: [],
          grouped: 0,
          starving: new StarvingCache(),
          priorityServices: new Map(),
          regularServices: new Map(),
        }),
      );
    return l;
  }

  private insert(t: Ticket): void {
    const l = this.lanesOf(t.stageId);
    const lane = t.priority ? l.priority : l.regular;
    const at = insertionPoint(lane, t, this.inLane);
    lane.splice(at, 0, t);
    if (!t.priority) l.starving.inserted(at, t.waitingSince);
    this.waitingOfService.set(t.serviceId, this.waitingOf(t.serviceId) + 1);
    const perService = t.priority ? l.priorityServices : l.regularServices;
    perService.set(t.serviceId, (perService.get(t.serviceId) ?? 0) + 1);
    if (t.groupId) {
      l.grouped++;
      const key = familyKey(t.groupId, t.stageId);
      const members = this.families.get(key) ?? [];
      members.splice(insertionPoint(members, t, this.inLane), 0, t);
      this.families.set(key, members);
    }
  }

  private remove(t: Ticket): void {
    const l = this.stages.get(t.stageId);
    if (!l) return;
    const lane = t.priority ? l.priority : l.regular;
    const at = findIn(lane, t, this.inLane);
    if (at < 0) return;
    lane.splice(at, 1);
    if (!t.priority) l.starving.removed(at);
    this.waitingOfService.set(t.serviceId, this.waitingOf(t.serviceId) - 1);
    const perService = t.priority ? l.priorityServices : l.regularServices;
    const left = (perService.get(t.serviceId) ?? 1) - 1;
    if (left > 0) perService.set(t.serviceId, left);
    else perService.delete(t.serviceId);
    if (t.groupId) {
      l.grouped--;
      const key = familyKey(t.groupId, t.stageId);
      const members = this.families.get(key) ?? [];
      const i = members.findIndex((m) => m.id === t.id);
      if (i >= 0) members.splice(i, 1);
      if (!members.length) this.families.delete(key);
    }
  }

  private joinLog(serviceId: string): JoinLog {
    let log = this.joins.get(serviceId);
    if (!log) this.joins.set(serviceId, (log = new JoinLog()));
    return log;
  }
}

interface StageLanes {
  priority: Ticket[];
  regular: Ticket[];
  /** Waiting tickets at the stage that belong to a family. */
  grouped: number;
  starving: StarvingCache;
  /** Waiting tickets per service in each lane. */
  priorityServices: Map<string, number>;
  regularServices: Map<string, number>;
}

const EMPTY_LANES = { priority: [] as readonly Ticket[], regular: [] as readonly Ticket[] };

/** Joined "on their own time" (an early arrival's own time is still to come): the join-rate rule. */
function joinedOnOwnTime(t: Ticket): boolean {
  return t.effectiveAt <= t.checkedInAt;
}

function familyKey(groupId: string, stageId: string): string {
  return `${stageId}\u0000${groupId}`;
}

type Order = (a: Ticket, b: Ticket) => number;

/** Where `t` goes in a lane sorted by `order` (after equal keys). */
function insertionPoint(lane: readonly Ticket[], t: Ticket, order: Order): number {
  let lo = 0;
  let hi = lane.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(lane[mid] as Ticket, t) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the ticket with t's id in a lane sorted by `order`, or -1. */
function findIn(lane: readonly Ticket[], t: Ticket, order: Order): number {
  let lo = 0;
  let hi = lane.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(lane[mid] as Ticket, t) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < lane.length && order(lane[i] as Ticket, t) === 0; i++)
    if ((lane[i] as Ticket).id === t.id) return i;
  return -1;
}

/**
 * Sorted lanes merged into one, in `compareInLane` order. Concatenated sorted runs: V8's TimSort
 * merges them in linear time. Only counters serving several stages need it.
 */
function mergeSorted(lanes: readonly (readonly Ticket[])[], order: Order): readonly Ticket[] {
  const nonEmpty = lanes.filter((l) => l.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  return nonEmpty.flat().sort(order);
}

/**
 * `lastStarving` of a regular lane, kept across calls: as time moves on the threshold only rises,
 * so the answer only moves when a ticket after it crosses (the earliest such crossing is kept), or
 * when the lane changes around it. Recomputed from the lane otherwise.
 */
class StarvingCache {
  private threshold = -Infinity;
  private last = -1;
  /** The smallest `waitingSince` after `last`: the threshold passing it changes the answer. */
  private nextCrossing = Infinity;
  private valid = false;

  lastAt(regular: readonly Ticket[], threshold: number): number {
    if (!this.valid || threshold < this.threshold || threshold > this.nextCrossing) {
      this.last = lastStarving(regular, threshold);
      let min = Infinity;
      for (let k = this.last + 1; k < regular.length; k++)
        min = Math.min(min, (regular[k] as Ticket).waitingSince);
      this.nextCrossing = min;
      this.valid = true;
    }
    this.threshold = threshold;
    return this.last;
  }

  inserted(at: number, waitingSince: number): void {
    if (!this.valid) return;
    if (at <= this.last) this.last++;
    else if (waitingSince < this.threshold) this.valid = false;
    else this.nextCrossing = Math.min(this.nextCrossing, waitingSince);
  }

  removed(at: number): void {
    if (!this.valid) return;
    if (at < this.last) this.last--;
    else if (at === this.last) this.valid = false;
    // After `last`: the kept crossing may now be too early, which only recomputes sooner.
  }
}

/** Check-ins of one service, by check-in time (priority ones also on their own). */
class JoinLog {
  private readonly all: Ticket[] = [];
  private readonly priority: Ticket[] = [];

  insert(t: Ticket): void {
    for (const list of t.priority ? [this.all, this.priority] : [this.all])
      list.splice(countAtOrBefore(list, t.checkedInAt), 0, t);
  }

  remove(t: Ticket): void {
    for (const list of [this.all, this.priority]) {
      const i = list.findIndex((x) => x.id === t.id);
      if (i >= 0) list.splice(i, 1);
    }
  }

  /** Counts by binary search: the window may hold a whole day's check-ins. */
  since(at: number): { all: number; priority: number } {
    return {
      all: this.all.length - countBefore(this.all, at),
      priority: this.priority.length - countBefore(this.priority, at),
    };
  }

  ticketsSince(at: number): readonly Ticket[] {
    return this.all.slice(countBefore(this.all, at));
  }
}

function countBefore(list: readonly Ticket[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Ticket).checkedInAt < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countAtOrBefore(list: readonly Ticket[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Ticket).checkedInAt <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
