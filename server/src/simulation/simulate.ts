import {
  AppError,
  countersAt,
  officeHours,
  planProblem,
  localToInstant,
  seededRandom,
  type OfficeConfig,
  type PlanRow,
  type ServiceTimes,
  type StaffingPlan,
  type Ticket,
} from '@giliran/shared';
import * as engine from '../engine/engine.ts';
import { peopleAhead, ticketWait } from '../engine/projections.ts';
import { queueOutlook } from '../engine/wait-outlook.ts';
import { applyChanges, emptyState, type Changes, type QueueState } from '../engine/state.ts';
import type { SimArrival } from './arrivals.ts';
import { simCounters, type SimCounter } from './plan.ts';
import { defaultServiceTimes, sampleMinutes } from './service-times.ts';

/**
 * The day simulator: drives the real queue engine (the pure commands and `applyChanges` the server
 * runs) with a manual clock through one office day. Officers call the next applicant as soon as
 * they are free; each service takes a drawn time; counters open and close by the staffing plan
 * (a busy counter closes after its applicant). After closing time the open counters serve everyone
 * still inside. Same input and seed → the same day.
 */
export interface SimulationInput {
  config: OfficeConfig;
  /** Office-local date `YYYY-MM-DD`. */
  day: string;
  arrivals: readonly SimArrival[];
  plan: StaffingPlan;
  /** Per stage; stages left out use the configured default. */
  serviceTimes?: ServiceTimes;
  seed: number;
}

/** One ticket's simulated life. Times are epoch ms. */
export interface TicketRecord {
  id: string;
  number: string;
  serviceId: string;
  priority: boolean;
  arrival: Exclude<SimArrival['arrival'], 'no_show'>;
  checkedInAt: number;
  windowStart: number | null;
  windowEnd: number | null;
  /** The estimate printed on its ticket (minutes). */
  estimatedWaitMinutes: number;
  firstCalledAt: number | null;
  /** Time spent waiting over all stages so far. */
  waitedMs: number;
  /** Per stage: how long it waited there before its call. */
  stageWaits: { stageId: string; waitedMs: number; calledAt: number }[];
  finishedAt: number | null;
}

export interface SimulationRun {
  config: OfficeConfig;
  day: string;
  seed: number;
  plan: StaffingPlan;
  counters: SimCounter[];
  tickets: TicketRecord[];
  bookings: number;
  walkIns: number;
  noShows: number;
  refused: number;
  /** Tickets left waiting with no counter able to serve them. */
  unserved: number;
  /** Most people waiting at once, per office-local hour (key: hour number) and per service. */
  waitingPeakByHour: Map<number, number>;
  waitingPeakByService: Map<string, number>;
  /** Minutes counters stood open and free within opening hours, per plan row. */
  idleMinutesByRow: number[];
  openAt: number;
  closeAt: number;
  /** The day's local midnight (for hour arithmetic). */
  midnight: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Events at the same instant: services end first (a counter frees up), then staffing, then
// arrivals; then free counters call. Ties keep insertion order.
const FINISH = 0;
const STAFF = 1;
const CLOSE = 2;
const ARRIVE = 3;

type SimEvent =
  | { at: number; kind: typeof FINISH; seq: number; counter: number }
  | { at: number; kind: typeof STAFF; seq: number; hour: number }
  | { at: number; kind: typeof CLOSE; seq: number }
  | { at: number; kind: typeof ARRIVE; seq: number; arrival: SimArrival };

type NewEvent = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'seq'> : never) : never;

/** A binary min-heap of events by (time, kind, insertion order). */
class EventQueue {
  private readonly heap: SimEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(e: NewEvent): void {
    const h = this.heap;
    h.push({ ...e, seq: this.seq++ });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i] as SimEvent, h[p] as SimEvent)) break;
      [h[i], h[p]] = [h[p] as SimEvent, h[i] as SimEvent];
      i = p;
    }
  }

  peek(): SimEvent | undefined {
    return this.heap[0];
  }

  pop(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l] as SimEvent, h[m] as SimEvent)) m = l;
        if (r < h.length && this.before(h[r] as SimEvent, h[m] as SimEvent)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as SimEvent, h[i] as SimEvent];
        i = m;
      }
    }
    return top;
  }

  private before(a: SimEvent, b: SimEvent): boolean {
    return (a.at - b.at || a.kind - b.kind || a.seq - b.seq) < 0;
  }
}

interface CounterSim {
  def: SimCounter;
  index: number;
  open: boolean;
  /** Closes as soon as its applicant leaves. */
  closing: boolean;
  busy: boolean;
  /** When it last became free while open (for idle time). */
  freeSince: number | null;
}

export function simulateDay(input: SimulationInput): SimulationRun {
  const problem = planProblem(input.config, input.plan);
  if (problem) throw new AppError('invalid_payload', { detail: `plan: ${problem}` });
  const tz = input.config.office.timeZone;
  const counters = simCounters(input.config, input.plan);
  // The simulated office: its counters are the plan's (the engine checks stages against them).
  const config: OfficeConfig = {
    ...input.config,
    counters: counters.map((c) => ({ id: c.id, number: c.number, stages: c.stages })),
  };
  const times = { ...defaultServiceTimes(config), ...input.serviceTimes };
  // Each applicant's service time at each stage is drawn from its own stream, so two plans compared
  // on one seed serve the same people in the same times, only in another order.
  const drawFor = (t: Ticket) =>
    seededRandom(
      Math.imul(input.seed ^ 0x9e3779b9, 31) +
        Math.imul(t.seq, 7919) +
        t.number.charCodeAt(0) * 104_729 +
        t.stageIndex * 15_485_863,
    );
  const midnight = localToInstant(input.day, '00:00', tz);
  const openAt = localToInstant(input.day, config.office.openTime, tz);
  const closeAt = localToInstant(input.day, config.office.closeTime, tz);
  const hourOf = (t: number) => Math.floor((t - midnight) / HOUR);

  const state: QueueState = emptyState(input.day, config);
  let now = openAt;
  let ids = 0;
  const ctx = () => ({
    config,
    now,
    actor: 'sim',
    newId: () => `s${++ids}`,
    newTrackToken: () => `k${++ids}`,
  });
  const apply = (ch: Changes) => applyChanges(state, ch);

  const records = new Map<string, TicketRecord>();
  const waitingAt = new Map<string, number>();
  const waitingOf = new Map<string, number>();
  let waiting = 0;
  const addWaiting = (t: Ticket, d: number) => {
    waitingAt.set(t.stageId, (waitingAt.get(t.stageId) ?? 0) + d);
    waitingOf.set(t.serviceId, (waitingOf.get(t.serviceId) ?? 0) + d);
    waiting += d;
  };

  const run: SimulationRun = {
    config,
    day: input.day,
    seed: input.seed,
    plan: input.plan,
    counters,
    tickets: [],
    bookings: 0,
    walkIns: 0,
    noShows: 0,
    refused: 0,
    unserved: 0,
    waitingPeakByHour: new Map(),
    waitingPeakByService: new Map(),
    idleMinutesByRow: input.plan.rows.map(() => 0),
    openAt,
    closeAt,
    midnight,
  };
  const sims: CounterSim[] = counters.map((def, index) => ({
    def,
    index,
    open: false,
    closing: false,
    busy: false,
    freeSince: null,
  }));

  // Idle time counts only within opening hours.
  const stopIdle = (c: CounterSim) => {
    if (c.freeSince === null) return;
    const from = Math.max(openAt, c.freeSince);
    const to = Math.min(closeAt, now);
    if (to > from) (run.idleMinutesByRow[c.def.row] as number) += (to - from) / MINUTE;
    c.freeSince = null;
  };
  const officer = (c: CounterSim) => `sim-${c.def.id}`;
  const openOne = (c: CounterSim) => {
    c.closing = false;
    if (c.open) return;
    apply(engine.openCounter(state, { counterId: c.def.id, officer: officer(c) }, ctx()).changes);
    c.open = true;
    c.freeSince = now;
  };
  const closeOne = (c: CounterSim) => {
    if (!c.open) return;
    if (c.busy) {
      c.closing = true;
      return;
    }
    stopIdle(c);
    apply(engine.closeCounter(state, c.def.id, ctx()).changes);
    c.open = false;
    c.closing = false;
  };

  const events = new EventQueue();
  for (const a of input.arrivals) {
    if (a.bookings.length) run.bookings += a.bookings.length;
    else run.walkIns++;
    if (a.arrival === 'no_show') {
      run.noShows += a.bookings.length;
      continue;
    }
    events.push({ at: a.at, kind: ARRIVE, arrival: a });
  }
  const hours = officeHours(config);
  for (const h of hours) events.push({ at: Math.max(openAt, midnight + h * HOUR), kind: STAFF, hour: h });
  events.push({ at: closeAt, kind: CLOSE });
  let overtime = false;

  const issue = (a: SimArrival) => {
    if (now >= closeAt) {
      run.refused += Math.max(1, a.bookings.length);
      return;
    }
    let issued: { ticket: Ticket; reprint: boolean }[];
    try {
      const out = a.serviceId
        ? engine.walkIn(state, a.serviceId, ctx())
        : engine.checkIn(state, a.bookings, ctx());
      apply(out.changes);
      issued = out.result.tickets;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      run.refused += Math.max(1, a.bookings.length);
      return;
    }
    for (const { ticket } of issued) addWaiting(ticket, 1);
    const outlook = queueOutlook(state, config, now);
    for (const { ticket } of issued) {
      // The figure the ticket prints (ticketPrintData takes it from the same function).
      const printed = ticketWait(
        state,
        config,
        ticket,
        now,
        peopleAhead(state, config, ticket, now),
        outlook,
      );
      records.set(ticket.id, {
        id: ticket.id,
        number: ticket.number,
        serviceId: ticket.serviceId,
        priority: ticket.priority,
        arrival: a.arrival as TicketRecord['arrival'], // no-shows never reach the kiosk
        checkedInAt: now,
        windowStart: ticket.windowStart,
        windowEnd: ticket.windowEnd,
        estimatedWaitMinutes: printed.estimatedWaitMinutes,
        firstCalledAt: null,
        waitedMs: 0,
        stageWaits: [],
        finishedAt: null,
      });
    }
  };

  const finish = (c: CounterSim) => {
    const held = state.counters.get(c.def.id)?.ticketIds ?? [];
    const first = state.tickets.get(held[0] ?? '');
    if (!first) throw new Error(`simulator: counter ${c.def.id} finished with nothing held`);
    const route = config.services.find((s) => s.id === first.serviceId)?.route ?? [];
    const last = first.stageIndex + 1 >= route.length;
    const out = last
      ? engine.complete(state, c.def.id, ctx())
      : engine.transfer(state, c.def.id, undefined, ctx());
    apply(out.changes);
    for (const t of out.result.tickets) {
      if (last) (records.get(t.id) as TicketRecord).finishedAt = now;
      else addWaiting(t, 1);
    }
    c.busy = false;
    c.freeSince = now;
    if (c.closing) closeOne(c);
  };

  const staff = (hour: number) => {
    for (const c of sims) {
      const want = c.def.rank < countersAt(input.plan, input.plan.rows[c.def.row] as PlanRow, hour);
      if (want) openOne(c);
      else closeOne(c);
    }
  };

  /** After closing: nobody is sent home; a stage left with people and no counter gets one. */
  const coverOvertime = () => {
    for (const [stage, n] of waitingAt) {
      if (n <= 0 || sims.some((c) => c.open && c.def.stages.includes(stage))) continue;
      const candidates = sims
        .filter((c) => c.def.stages.includes(stage))
        .sort((a, b) => a.def.stages.length - b.def.stages.length || a.def.rank - b.def.rank);
      if (candidates[0]) openOne(candidates[0]);
    }
  };

  const dispatch = () => {
    if (waiting === 0) return;
    const free = sims
      .filter(
        (c) => c.open && !c.busy && !c.closing && c.def.stages.some((st) => (waitingAt.get(st) ?? 0) > 0),
      )
      .sort((a, b) => (a.freeSince ?? 0) - (b.freeSince ?? 0) || a.def.number - b.def.number);
    for (const c of free) {
      if (!c.def.stages.some((s) => (waitingAt.get(s) ?? 0) > 0)) continue;
      const call = engine.callNext(state, c.def.id, ctx());
      apply(call.changes);
      const started = engine.start(state, c.def.id, ctx());
      apply(started.changes);
      stopIdle(c);
      c.busy = true;
      let minutes = 0;
      for (const t of call.result.tickets) {
        addWaiting(t, -1);
        const rec = records.get(t.id) as TicketRecord;
        const waited = now - t.waitingSince;
        rec.waitedMs += waited;
        rec.stageWaits.push({ stageId: t.stageId, waitedMs: waited, calledAt: now });
        rec.firstCalledAt ??= now;
        minutes += sampleMinutes(times[t.stageId] ?? { kind: 'fixed', minutes: 5 }, drawFor(t));
      }
      events.push({ at: now + Math.max(1000, Math.round(minutes * MINUTE)), kind: FINISH, counter: c.index });
    }
  };

  // Waiting levels hold between events: carry the level through every hour it spans.
  let lastSampled = now;
  const sample = (until: number) => {
    for (let h = hourOf(lastSampled); h <= hourOf(until); h++)
      run.waitingPeakByHour.set(h, Math.max(run.waitingPeakByHour.get(h) ?? 0, waiting));
    for (const [s, n] of waitingOf)
      run.waitingPeakByService.set(s, Math.max(run.waitingPeakByService.get(s) ?? 0, n));
    lastSampled = until;
  };

  for (let e = events.pop(); e; e = events.pop()) {
    sample(e.at);
    now = Math.max(now, e.at);
    if (e.kind === ARRIVE) issue(e.arrival);
    else if (e.kind === FINISH) finish(sims[e.counter] as CounterSim);
    else if (e.kind === STAFF) staff(e.hour);
    else overtime = true;
    const next = events.peek();
    if (next && next.at === now) continue; // settle every event of this instant first
    if (overtime) coverOvertime();
    dispatch();
    sample(now);
  }
  for (const c of sims) closeOne(c);
  run.unserved = waiting;
  run.tickets = [...records.values()];
  return run;
}
