import {
  counterShare,
  estimateWaitMinutes,
  remainingServiceMinutes,
  typicalServiceMinutes,
  type CounterOutlook,
  type OfficeConfig,
  type StageOutlook,
  type Ticket,
} from '@giliran/shared';
import type { QueueState } from './state.ts';

/**
 * Turns the queue into the plain inputs of the one wait estimator (shared/src/wait-estimate.ts).
 * `queueOutlook` reads the kept lanes (no pass over the day), then a cheap look-up per ticket
 * (`waitMinutes`), so a phone tick, a board update or a check-in costs little however big the day.
 */

/** How far back "lately" reaches for the rate of people joining a stage's queue. */
const JOIN_WINDOW_MS = 30 * 60_000;

/** A counter serving a stage that also serves others: who it may call first. */
interface SharedCounter {
  /** Index into the stage's `counters`. */
  index: number;
  /** Its other stages, each with the part of that stage's calls it makes. */
  others: { stageId: string; part: number }[];
}

interface WaitingKeys {
  /** Waiting regular tickets in lane order: their ordering times (effectiveAt) ascend. */
  regular: readonly Ticket[];
  priority: readonly Ticket[];
}

export interface QueueOutlook {
  now: number;
  stages: Map<string, StageOutlook>;
  shared: Map<string, SharedCounter[]>;
  waitingKeys: Map<string, WaitingKeys>;
  /** For a waiting family member: members of its own group ahead of it (called with it, not before). */
  matesAhead: (t: Ticket) => number;
}

/**
 * Every stage as the estimator sees it now, in one pass over the day's tickets: its counters (the
 * open ones, or the configured ones, free, while none is open), typical minutes per applicant from
 * recent durations, and how fast people have joined its queue lately.
 */
export function queueOutlook(state: QueueState, config: OfficeConfig, now: number): QueueOutlook {
  const typical = new Map(
    config.stages.map((s) => [
      s.id,
      typicalServiceMinutes(
        (state.durations.get(s.id) ?? []).map((ms) => ms / 60_000),
        s.defaultServiceMinutes,
      ),
    ]),
  );
  const minutesAt = (stage: string) => typical.get(stage) ?? 5;
  // From the kept lanes and check-in log (waiting-index.ts): no pass over the day's tickets.
  const waitingKeys = new Map<string, WaitingKeys>();
  for (const stage of state.waiting.waitingStages()) waitingKeys.set(stage, state.waiting.lanes(stage));
  const joined = new Map<string, { all: number; priority: number }>();
  const addJoined = (stage: string, all: number, priority: number) => {
    const j = joined.get(stage) ?? { all: 0, priority: 0 };
    j.all += all;
    j.priority += priority;
    joined.set(stage, j);
  };
  const lately = now - JOIN_WINDOW_MS;
  const known = new Set(config.services.map((s) => s.id));
  // Joined lately on their own time (an early arrival's own time is still to come), at the first
  // stage of their service.
  for (const s of config.services) {
    const j = state.waiting.joinedSince(s.id, lately);
    if (j.all) addJoined(s.route[0] as string, j.all, j.priority);
  }
  // A service the configuration no longer names counts where its tickets are now.
  for (const id of state.waiting.joinedServices())
    if (!known.has(id))
      for (const t of state.waiting.joinedTicketsSince(id, lately))
        addJoined(t.stageId, 1, t.priority ? 1 : 0);
  const matesAhead = (t: Ticket) =>
    t.groupId
      ? state.waiting.familyAt(t.groupId, t.stageId).filter((m) => m.stageId === t.stageId && m.seq < t.seq)
          .length
      : 0;

  const window = JOIN_WINDOW_MS / 60_000;
  const waitingAt = (stage: string) => {
    const k = waitingKeys.get(stage);
    return k ? k.regular.length + k.priority.length : 0;
  };
  const work = (stage: string) => waitingAt(stage) * minutesAt(stage);
  const open = [...state.counters.values()]
    .filter((c) => c.mode === 'open')
    .map((c) => ({ stages: c.stages, freeIn: freeInMinutes(state, c.ticketIds, now, minutesAt) }));
  const servingOf = (stage: string) => {
    const serving = open.filter((c) => c.stages.includes(stage));
    return serving.length
      ? serving
      : config.counters.filter((c) => c.stages.includes(stage)).map((c) => ({ stages: c.stages, freeIn: 0 }));
  };
  const serving = new Map(config.stages.map((s) => [s.id, servingOf(s.id)]));
  // The part of a stage's calls each of its counters makes: its share over all the stage's shares.
  const totalShares = new Map(
    config.stages.map((s) => [
      s.id,
      (serving.get(s.id) ?? []).reduce((n, c) => n + counterShare(s.id, c.stages, work), 0),
    ]),
  );

  const stages = new Map<string, StageOutlook>();
  const shared = new Map<string, SharedCounter[]>();
  for (const s of config.stages) {
    const list = serving.get(s.id) ?? [];
    const counters: CounterOutlook[] = list.map((c) => ({
      share: counterShare(s.id, c.stages, work),
      freeInMinutes: c.freeIn,
    }));
    const sharing: SharedCounter[] = [];
    list.forEach((c, index) => {
      const others = c.stages
        .filter((o) => o !== s.id)
        .map((o) => {
          const total = totalShares.get(o) ?? 0;
          return { stageId: o, part: total > 0 ? counterShare(o, c.stages, work) / total : 0 };
        });
      if (others.length) sharing.push({ index, others });
    });
    const j = joined.get(s.id) ?? { all: 0, priority: 0 };
    stages.set(s.id, {
      counters,
      serviceMinutes: minutesAt(s.id),
      joinPerMinute: j.all / window,
      priorityJoinPerMinute: j.priority / window,
    });
    shared.set(s.id, sharing);
  }
  return { now, stages, shared, waitingKeys, matesAhead };
}

/** Minutes until a counter holding `ticketIds` is free (0 when it holds none). */
function freeInMinutes(
  state: QueueState,
  ticketIds: readonly string[],
  now: number,
  minutesAt: (stage: string) => number,
): number {
  const held = state.tickets.get(ticketIds[0] ?? '');
  if (!held) return 0;
  const since = held.servingSince ?? held.calledAt ?? now;
  return remainingServiceMinutes((now - since) / 60_000, ticketIds.length, minutesAt(held.stageId));
}

/** How many tickets of a lane (ascending ordering times) are ordered before `key`. */
function countBelow(sorted: readonly Ticket[], key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Ticket).effectiveAt < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Estimated minutes until a waiting ticket with `ahead` people before it in call order is called.
 * A counter that also serves other stages first calls whoever there comes before this ticket (all
 * priority applicants, then earlier ordering times): its part of that work delays it.
 */
export function waitMinutes(outlook: QueueOutlook, t: Ticket, ahead: number): number {
  const stage = outlook.stages.get(t.stageId);
  if (t.status !== 'waiting' || !stage) return 0;
  const counters = [...stage.counters];
  for (const sh of outlook.shared.get(t.stageId) ?? []) {
    let delay = 0;
    for (const o of sh.others) {
      const keys = outlook.waitingKeys.get(o.stageId);
      if (!keys) continue;
      const before = t.priority
        ? countBelow(keys.priority, t.effectiveAt)
        : keys.priority.length + countBelow(keys.regular, t.effectiveAt);
      delay += before * o.part * (outlook.stages.get(o.stageId)?.serviceMinutes ?? 0);
    }
    const c = counters[sh.index] as CounterOutlook;
    counters[sh.index] = { ...c, freeInMinutes: c.freeInMinutes + delay };
  }
  return estimateWaitMinutes(
    { ...stage, counters },
    {
      // A family is called together: its own members ahead do not delay it.
      ahead: Math.max(0, ahead - outlook.matesAhead(t)),
      priority: t.priority,
      untilOwnTimeMinutes: Math.max(0, (t.effectiveAt - outlook.now) / 60_000),
    },
  );
}
