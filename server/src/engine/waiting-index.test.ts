import { describe, expect, it } from 'vitest';
import {
  AppError,
  callOrder,
  compareInLane,
  positionsAtStage,
  seededRandom,
  type OfficeConfig,
  type Ticket,
} from '@giliran/shared';
import * as engine from './engine.ts';
import { peopleAhead, positionsByTicket, serviceLoads, stagesCallOrder, ticketWait } from './projections.ts';
import { pickContext, type QueueState } from './state.ts';
import { EngineHarness } from './test-harness.ts';
import { TEST_CONFIG } from './test-config.ts';
import { queueOutlook } from './wait-outlook.ts';

/**
 * The kept lanes (waiting-index.ts) must give exactly what a from-scratch pass over the day gives:
 * random days (seeded) of check-ins, families, early arrivals, calls, recalls, no-shows, transfers,
 * completions and reinstatements, under several call policies, compared after every step.
 */

function withPolicy(
  config: OfficeConfig,
  priorityRunMax: number,
  regularMaxWaitMinutes: number,
): OfficeConfig {
  return { ...config, policy: { ...config.policy, priorityRunMax, regularMaxWaitMinutes } };
}

/** What the index answers, next to the same figures from every ticket of the day. */
function compareWithScratch(state: QueueState, config: OfficeConfig, now: number): void {
  const ctx = pickContext(state, config, now);
  const all = [...state.tickets.values()];
  const waiting = all.filter((t) => t.status === 'waiting');
  const stages = new Set(config.stages.map((s) => s.id));
  const scratchPositions = new Map<string, number>();
  for (const stage of stages)
    for (const [id, i] of positionsAtStage(all, stage, ctx)) scratchPositions.set(id, i);
  // Every waiting ticket's position, one at a time and all at once.
  for (const t of waiting)
    expect(peopleAhead(state, config, t, now), t.number).toBe(scratchPositions.get(t.id));
  expect(new Map([...positionsByTicket(state, config, now)].sort())).toEqual(
    new Map([...scratchPositions].sort()),
  );
  // Each counter's whole call order (also for counters serving several stages) and its head.
  for (const c of config.counters) {
    const scratch = [...callOrder(all, c.stages, ctx)].map((t) => t.number);
    expect([...state.waiting.callOrderOf(c.stages, ctx)].map((t) => t.number)).toEqual(scratch);
    const head = stagesCallOrder(state, config, c.stages, now);
    expect(head.total).toBe(scratch.length);
    expect(head.first.map((t) => t.number)).toEqual(scratch.slice(0, head.first.length));
  }
  // The estimator's inputs: join rates, ordering times, family members ahead.
  const outlook = queueOutlook(state, config, now);
  const firstStage = new Map(config.services.map((s) => [s.id, s.route[0] as string]));
  for (const s of config.stages) {
    const joined = all.filter(
      (t) =>
        t.checkedInAt >= now - 30 * 60_000 &&
        t.effectiveAt <= t.checkedInAt &&
        (firstStage.get(t.serviceId) ?? t.stageId) === s.id,
    );
    expect(outlook.stages.get(s.id)?.joinPerMinute).toBeCloseTo(joined.length / 30, 12);
    expect(outlook.stages.get(s.id)?.priorityJoinPerMinute).toBeCloseTo(
      joined.filter((t) => t.priority).length / 30,
      12,
    );
    const keys = outlook.waitingKeys.get(s.id);
    const lane = (priority: boolean) =>
      waiting
        .filter((t) => t.stageId === s.id && t.priority === priority)
        .sort(compareInLane)
        .map((t) => t.effectiveAt);
    expect((keys?.regular ?? []).map((t) => t.effectiveAt)).toEqual(lane(false));
    expect((keys?.priority ?? []).map((t) => t.effectiveAt)).toEqual(lane(true));
  }
  for (const t of waiting) {
    const mates = waiting.filter(
      (m) => t.groupId && m.groupId === t.groupId && m.stageId === t.stageId && m.seq < t.seq,
    );
    expect(outlook.matesAhead(t)).toBe(mates.length);
  }
  // Service loads: waiting per service, and the wait of each service's last in call order.
  const loads = serviceLoads(state, config, now);
  for (const s of config.services) {
    const mine = waiting.filter((t) => t.serviceId === s.id);
    let longest = 0;
    for (const stage of stages) {
      const at = mine.filter((t) => t.stageId === stage);
      if (!at.length) continue;
      const last = at.reduce((a, b) =>
        (scratchPositions.get(a.id) ?? 0) > (scratchPositions.get(b.id) ?? 0) ? a : b,
      );
      const w = ticketWait(state, config, last, now, scratchPositions.get(last.id) ?? 0, outlook);
      longest = Math.max(longest, w.estimatedWaitMinutes);
    }
    expect(loads.find((l) => l.serviceId === s.id)).toEqual({
      serviceId: s.id,
      waiting: mine.length,
      estimatedWaitMinutes: longest,
    });
  }
}

/** One random day; `families` is the chance that a check-in brings a family. */
function randomDay(seed: number, config: OfficeConfig, steps: number, families: number): void {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const h = new EngineHarness('2026-11-28', '08:00', config);
  const officers = new Map<string, string>();
  for (const c of config.counters) {
    const officer = `officer-${c.id}`;
    officers.set(c.id, officer);
    h.run((s, ctx) => engine.openCounter(s, { counterId: c.id, officer }, ctx));
  }
  const walkIns = config.services.filter((s) => s.kind === 'walkin').map((s) => s.id);
  const noShows: string[] = [];
  const tryRun = (command: Parameters<EngineHarness['run']>[0]) => {
    try {
      h.run(command);
    } catch (e) {
      if (!(e instanceof AppError)) throw e; // refusals are part of a day; anything else is a bug
    }
  };
  for (let step = 0; step < steps; step++) {
    // Often no time passes: tickets then tie on every ordering key, and ties must break alike.
    if (rand() < 0.5) h.advanceMinutes(rand() * 3);
    const roll = rand();
    const counter = pick(config.counters).id;
    if (roll < 0.3) tryRun((s, ctx) => engine.walkIn(s, pick(walkIns), ctx));
    else if (roll < 0.45) {
      const size = rand() < families ? 2 + Math.floor(rand() * 3) : 1;
      const account = `ACC-${step}`;
      // Windows around now: some early (their own time is still to come), some on time.
      const hour = 8 + Math.floor(rand() * 4);
      const window = {
        windowStart: `${String(hour).padStart(2, '0')}:00`,
        windowEnd: `${String(hour + 1).padStart(2, '0')}:00`,
      };
      const bookings = Array.from({ length: size }, () => h.booking({ accountId: account, ...window }));
      tryRun((s, ctx) => engine.checkIn(s, bookings, ctx));
    } else if (roll < 0.7) tryRun((s, ctx) => engine.callNext(s, counter, ctx));
    else if (roll < 0.75) tryRun((s, ctx) => engine.recall(s, counter, ctx));
    else if (roll < 0.8) {
      const before = new Set(noShows);
      tryRun((s, ctx) => engine.noShow(s, counter, ctx));
      for (const t of h.state.tickets.values())
        if (t.status === 'no_show' && !before.has(t.id)) noShows.push(t.id);
    } else if (roll < 0.85) tryRun((s, ctx) => engine.start(s, counter, ctx));
    else if (roll < 0.93) {
      // Sometimes into another service (e.g. priority): the same sequence number can then tie.
      const to = rand() < 0.5 ? undefined : pick(config.services).id;
      tryRun((s, ctx) => engine.transfer(s, counter, to, ctx));
    } else if (roll < 0.98) tryRun((s, ctx) => engine.complete(s, counter, ctx));
    else if (noShows.length) {
      const id = noShows.splice(Math.floor(rand() * noShows.length), 1)[0] as string;
      tryRun((s, ctx) => engine.reinstate(s, id, ctx));
    }
    compareWithScratch(h.state, config, h.now);
    // Also a moment later, without a change: only time moves the starving rule.
    if (rand() < 0.2) compareWithScratch(h.state, config, h.now + rand() * 40 * 60_000);
  }
}

describe('waiting index: the same answers as a pass over the whole day', () => {
  const policies: [number, number][] = [
    [2, 10],
    [0, 5],
    [1, 0],
    [3, 20],
  ];
  for (const [i, [run, wait]] of policies.entries())
    it(`random days under priority run ${run}, regular max wait ${wait} min (test office)`, () => {
      for (let seed = 1; seed <= 4; seed++)
        randomDay(seed * 100 + i, withPolicy(TEST_CONFIG, run, wait), 160, seed % 2 ? 0.3 : 0);
    });

  it('random days in the Denpasar office', () => {
    const h = new EngineHarness();
    for (let seed = 1; seed <= 3; seed++) randomDay(seed, h.config, 160, 0.2);
  });

  it('tickets equal on every ordering key keep the order of the day (as a stable sort leaves them)', () => {
    // I001 and P001 issued at the same instant, both number 1; I001 then moves into P's service.
    const h = new EngineHarness('2026-11-28', '09:00', TEST_CONFIG);
    h.run((s, ctx) => engine.walkIn(s, 'in', ctx));
    h.run((s, ctx) => engine.walkIn(s, 'pr', ctx));
    h.run((s, ctx) => engine.openCounter(s, { counterId: 'k4', officer: 'o4' }, ctx));
    h.run((s, ctx) => engine.callNext(s, 'k4', ctx));
    h.run((s, ctx) => engine.transfer(s, 'k4', 'pr', ctx));
    const ctx = pickContext(h.state, TEST_CONFIG, h.now);
    const scratch = [...callOrder(h.state.tickets.values(), ['cek'], ctx)].map((t) => t.number);
    expect(scratch).toEqual(['I001', 'P001']);
    expect([...h.state.waiting.callOrderOf(['cek'], ctx)].map((t) => t.number)).toEqual(scratch);
    compareWithScratch(h.state, TEST_CONFIG, h.now);
  });

  it('a ticket that is not waiting has no position and is in no lane', () => {
    const h = new EngineHarness('2026-11-28', '08:00', TEST_CONFIG);
    h.run((s, ctx) => engine.openCounter(s, { counterId: 'k1', officer: 'o1' }, ctx));
    const [t] = h.run((s, ctx) => engine.walkIn(s, 'wk', ctx)).tickets;
    const ticket = t?.ticket as Ticket;
    expect(h.state.waiting.waitingAt('cek')).toBe(1);
    h.run((s, ctx) => engine.callNext(s, 'k1', ctx));
    const called = h.state.tickets.get(ticket.id) as Ticket;
    expect(called.status).toBe('called');
    expect(h.state.waiting.positionOf(called, pickContext(h.state, TEST_CONFIG, h.now))).toBeUndefined();
    expect(h.state.waiting.waitingAt('cek')).toBe(0);
    expect(h.state.waiting.waitingOf('wk')).toBe(0);
  });
});

describe('waiting index: family bookkeeping', () => {
  it('a family member reinstated alone is called alone: the others, gone, are not in its family any more', () => {
    const h = new EngineHarness('2026-11-28', '09:00', TEST_CONFIG);
    h.run((s, ctx) => engine.openCounter(s, { counterId: 'k1', officer: 'o1' }, ctx));
    const family = ['Ayu', 'Made', 'Nyoman'].map((fullName) =>
      h.booking({ accountId: 'ACC-FAM', windowStart: '09:00', windowEnd: '10:00', fullName }),
    );
    h.run((s, ctx) => engine.checkIn(s, family, ctx));
    h.run((s, ctx) => engine.callNext(s, 'k1', ctx)); // the three, together
    h.run((s, ctx) => engine.recall(s, 'k1', ctx));
    h.run((s, ctx) => engine.noShow(s, 'k1', ctx));
    const gone = [...h.state.tickets.values()].filter((t) => t.status === 'no_show');
    expect(gone.map((t) => t.number)).toEqual(['A001', 'A002', 'A003']);
    h.run((s, ctx) => engine.reinstate(s, gone[1]!.id, ctx));
    const ctx = pickContext(h.state, TEST_CONFIG, h.now);
    expect([...h.state.waiting.callOrderOf(['cek'], ctx)].map((t) => t.number)).toEqual(['A002']);
    compareWithScratch(h.state, TEST_CONFIG, h.now);
  });
});
