import {
  AppError,
  assessBooking,
  bookingWindow,
  callAnnouncement,
  checkInAction,
  isOfficeOpen,
  type Booking,
  type CallAnnouncement,
  type CounterState,
  type EndVisitReason,
  type Localized,
  type OfficeConfig,
  type ServiceConfig,
  type Ticket,
} from '@giliran/shared';
import { noChanges, pickContext, type AuditEntry, type Changes, type QueueState } from './state.ts';

/**
 * The queue engine: pure functions (state + command → changes + result). They never touch the
 * database, the network or the clock; a refusal is an `AppError` and leaves nothing changed.
 */
export interface EngineContext {
  config: OfficeConfig;
  now: number;
  /** Who acts, for the audit log: `officer:petugas1`, `kiosk:Kiosk Lobi`. */
  actor: string;
  newId(): string;
  newTrackToken(): string;
}

export interface Outcome<R> {
  changes: Changes;
  result: R;
}

function audit(
  ctx: EngineContext,
  action: string,
  t: Ticket | null,
  extra: Partial<AuditEntry> = {},
): AuditEntry {
  return {
    at: ctx.now,
    action,
    actor: ctx.actor,
    ticketId: t?.id ?? null,
    ticketNumber: t?.number ?? null,
    counterId: t?.counterId ?? null,
    stageId: t?.stageId ?? null,
    durationMs: null,
    detail: null,
    ...extra,
  };
}

function service(config: OfficeConfig, serviceId: string): ServiceConfig {
  const s = config.services.find((x) => x.id === serviceId);
  if (!s) throw new AppError('unknown_service');
  return s;
}

/** The service booked M-Paspor applicants join: the first one configured for bookings. */
export function bookingService(config: OfficeConfig): ServiceConfig {
  return config.services.find((s) => s.kind === 'booking') as ServiceConfig;
}

// ─── Issuing tickets ──────────────────────────────────────────────────────────────────────────────

interface NewTicketSpec {
  service: ServiceConfig;
  booking: Booking | null;
  effectiveAt: number;
  note: Localized | null;
}

function newTickets(state: QueueState, specs: NewTicketSpec[], ctx: EngineContext): Ticket[] {
  const seqs = new Map<string, number>();
  const groupId = specs.length > 1 ? ctx.newId() : null;
  // A family is called together, so its members share one place in the queue: the earliest.
  const groupEffective = Math.min(...specs.map((s) => s.effectiveAt));
  return specs.map((spec) => {
    const letter = spec.service.letter;
    const seq = seqs.get(letter) ?? state.nextSeq.get(letter) ?? 1;
    seqs.set(letter, seq + 1);
    const b = spec.booking;
    const window = b ? bookingWindow(b, ctx.config.office.timeZone) : null;
    const stageId = spec.service.route[0] as string;
    return {
      id: ctx.newId(),
      day: state.day,
      number: `${letter}${String(seq).padStart(3, '0')}`,
      seq,
      serviceId: spec.service.id,
      stageIndex: 0,
      stageId,
      status: 'waiting',
      priority: spec.service.priority,
      groupId,
      bookingCode: b?.code ?? null,
      applicationType: b?.applicationType ?? null,
      checkedInAt: ctx.now,
      effectiveAt: groupId ? groupEffective : spec.effectiveAt,
      waitingSince: ctx.now,
      windowStart: window?.start ?? null,
      windowEnd: window?.end ?? null,
      counterId: null,
      calledAt: null,
      servingSince: null,
      recalls: 0,
      trackToken: ctx.newTrackToken(),
      note: spec.note,
    } satisfies Ticket;
  });
}

export interface IssuedResult {
  tickets: { ticket: Ticket; reprint: boolean }[];
}

const LATE_NOTE: Localized = {
  id: 'Datang setelah jadwal; silakan ke loket informasi.',
  en: 'Arrived after the booked window; please go to the information counter.',
};

/**
 * Checks in the chosen bookings (one applicant or a family) together: consecutive numbers, one
 * group. A booking already checked in today gets its existing ticket back, marked as a reprint.
 */
export function checkIn(state: QueueState, bookings: Booking[], ctx: EngineContext): Outcome<IssuedResult> {
  const { config } = ctx;
  const specs: NewTicketSpec[] = [];
  const order: ({ existing: Ticket } | { spec: number })[] = [];
  for (const b of bookings) {
    const existingId = state.byBookingCode.get(b.code);
    const existing = existingId ? state.tickets.get(existingId) : undefined;
    if (existing) {
      order.push({ existing });
      continue;
    }
    const a = assessBooking(b, { now: ctx.now, office: config.office, policy: config.policy });
    const action = checkInAction(a);
    if (action === 'join') {
      const { start } = bookingWindow(b, config.office.timeZone);
      specs.push({
        service: bookingService(config),
        booking: b,
        effectiveAt: Math.max(ctx.now, start),
        note: null,
      });
    } else if (action === 'route' && config.policy.lateArrival.action === 'route') {
      specs.push({
        service: service(config, config.policy.lateArrival.serviceId),
        booking: b,
        effectiveAt: ctx.now,
        note: LATE_NOTE,
      });
    } else {
      throw new AppError('booking_not_eligible', { code: b.code, reason: a.kind });
    }
    order.push({ spec: specs.length - 1 });
  }
  const created = newTickets(state, specs, ctx);
  const changes = noChanges();
  changes.tickets = created;
  created.forEach((t, i) => {
    const b = specs[i]?.booking;
    if (b)
      changes.holders.push([t.id, { fullName: b.fullName, maskedNik: b.maskedNik, birthDate: b.birthDate }]);
    changes.audit.push(
      audit(ctx, 'ticket.issued', t, { detail: { bookingCode: t.bookingCode, groupId: t.groupId } }),
    );
  });
  const tickets = order.map((o) => {
    if ('existing' in o) {
      changes.audit.push(audit(ctx, 'ticket.reprinted', o.existing));
      return { ticket: o.existing, reprint: true };
    }
    return { ticket: created[o.spec] as Ticket, reprint: false };
  });
  return { changes, result: { tickets } };
}

export function walkIn(state: QueueState, serviceId: string, ctx: EngineContext): Outcome<IssuedResult> {
  const s = service(ctx.config, serviceId);
  if (s.kind !== 'walkin') throw new AppError('unknown_service');
  const { office } = ctx.config;
  if (!isOfficeOpen(ctx.now, office))
    throw new AppError('office_closed', { openTime: office.openTime, closeTime: office.closeTime });
  const [ticket] = newTickets(state, [{ service: s, booking: null, effectiveAt: ctx.now, note: null }], ctx);
  const changes = noChanges();
  changes.tickets = [ticket as Ticket];
  changes.audit.push(audit(ctx, 'ticket.issued', ticket as Ticket));
  return { changes, result: { tickets: [{ ticket: ticket as Ticket, reprint: false }] } };
}

// ─── Counters ─────────────────────────────────────────────────────────────────────────────────────

function counterState(state: QueueState, counterId: string): CounterState {
  const c = state.counters.get(counterId);
  if (!c) throw new AppError('unknown_counter');
  return c;
}

export function counterNumber(config: OfficeConfig, counterId: string): number {
  return config.counters.find((c) => c.id === counterId)?.number ?? 0;
}

/** The counter an officer is signed in at, if any. */
export function counterOf(state: QueueState, officer: string): CounterState | null {
  for (const c of state.counters.values()) if (c.officer === officer && c.mode !== 'closed') return c;
  return null;
}

export interface CounterOutcome {
  counter: CounterState;
  tickets: Ticket[];
}

function heldTickets(state: QueueState, c: CounterState): Ticket[] {
  return c.ticketIds.map((id) => state.tickets.get(id)).filter((t): t is Ticket => !!t);
}

function busy(state: QueueState, c: CounterState): AppError {
  const held = heldTickets(state, c).map((t) => t.number);
  return new AppError('counter_busy', { number: held.join(', ') });
}

export function openCounter(
  state: QueueState,
  cmd: { counterId: string; stages?: string[] | undefined; officer: string },
  ctx: EngineContext,
): Outcome<CounterOutcome> {
  const c = counterState(state, cmd.counterId);
  const configured = ctx.config.counters.find((x) => x.id === cmd.counterId)?.stages ?? [];
  const stages = cmd.stages ?? configured;
  if (stages.some((s) => !configured.includes(s))) throw new AppError('stage_not_served');
  if (c.mode !== 'closed' && c.officer && c.officer !== cmd.officer) {
    throw new AppError('counter_taken', {
      counter: counterNumber(ctx.config, c.counterId),
      officer: c.officer,
    });
  }
  const changes = noChanges();
  // An officer works at one counter: leaving a free counter closes it; one still holding tickets may not be left.
  const previous = counterOf(state, cmd.officer);
  if (previous && previous.counterId !== c.counterId) {
    if (previous.ticketIds.length) throw busy(state, previous);
    changes.counters.push({ ...previous, mode: 'closed', officer: null });
    changes.audit.push(audit(ctx, 'counter.closed', null, { counterId: previous.counterId }));
  }
  const opened: CounterState = {
    ...c,
    mode: c.mode === 'paused' ? 'paused' : 'open',
    stages: [...stages],
    officer: cmd.officer,
  };
  changes.counters.push(opened);
  changes.audit.push(audit(ctx, 'counter.opened', null, { counterId: c.counterId, detail: { stages } }));
  return { changes, result: { counter: opened, tickets: heldTickets(state, opened) } };
}

function requireCounter(state: QueueState, counterId: string | null): CounterState {
  if (!counterId) throw new AppError('counter_not_open');
  const c = counterState(state, counterId);
  if (c.mode === 'closed') throw new AppError('counter_not_open');
  return c;
}

function setMode(
  state: QueueState,
  counterId: string | null,
  mode: 'closed' | 'paused' | 'open',
  ctx: EngineContext,
): Outcome<CounterOutcome> {
  const c = requireCounter(state, counterId);
  if (mode !== 'open' && c.ticketIds.length) throw busy(state, c);
  const next: CounterState = { ...c, mode, officer: mode === 'closed' ? null : c.officer };
  const changes = noChanges();
  changes.counters.push(next);
  changes.audit.push(
    audit(ctx, `counter.${mode === 'open' ? 'resumed' : mode}`, null, { counterId: c.counterId }),
  );
  return { changes, result: { counter: next, tickets: heldTickets(state, next) } };
}

export const closeCounter = (s: QueueState, counterId: string | null, ctx: EngineContext) =>
  setMode(s, counterId, 'closed', ctx);
export const pauseCounter = (s: QueueState, counterId: string | null, ctx: EngineContext) =>
  setMode(s, counterId, 'paused', ctx);
export const resumeCounter = (s: QueueState, counterId: string | null, ctx: EngineContext) =>
  setMode(s, counterId, 'open', ctx);

// ─── Calling and serving ──────────────────────────────────────────────────────────────────────────

function announcement(
  ctx: EngineContext,
  tickets: Ticket[],
  counterId: string,
  recall: number,
): CallAnnouncement {
  const n = counterNumber(ctx.config, counterId);
  const numbers = tickets.map((t) => t.number);
  return {
    ticketIds: tickets.map((t) => t.id),
    numbers,
    counterId,
    counterNumber: n,
    recall,
    at: ctx.now,
    spoken: callAnnouncement(numbers, n),
  };
}

/** Calls the next ticket (with its waiting family members at the same stage) to the counter. */
export function callNext(
  state: QueueState,
  counterId: string | null,
  ctx: EngineContext,
): Outcome<CounterOutcome> {
  const c = requireCounter(state, counterId);
  if (c.mode === 'paused') throw new AppError('counter_paused');
  if (c.ticketIds.length) throw busy(state, c);
  // The first of the call order from the kept lanes (waiting-index.ts), as `pickNext` would pick.
  const next = state.waiting.callOrderOf(c.stages, pickContext(state, ctx.config, ctx.now)).next().value;
  if (!next) throw new AppError('queue_empty');
  const group = next.groupId
    ? [...state.waiting.familyAt(next.groupId, next.stageId)].sort((a, b) => a.seq - b.seq)
    : [next];
  const called = group.map((t) => ({
    ...t,
    status: 'called' as const,
    counterId: c.counterId,
    calledAt: ctx.now,
    recalls: 0,
  }));
  const changes = noChanges();
  changes.tickets = called;
  const held: CounterState = { ...c, ticketIds: called.map((t) => t.id) };
  changes.counters.push(held);
  const streak = next.priority ? (state.priorityStreak.get(next.stageId) ?? 0) + 1 : 0;
  changes.streaks.push([next.stageId, streak]);
  changes.calls.push(announcement(ctx, called, c.counterId, 0));
  for (const t of called)
    changes.audit.push(audit(ctx, 'ticket.called', t, { durationMs: ctx.now - t.waitingSince }));
  return { changes, result: { counter: held, tickets: called } };
}

function requireHeld(
  state: QueueState,
  counterId: string | null,
  allowed: Ticket['status'][],
): [CounterState, Ticket[]] {
  const c = requireCounter(state, counterId);
  const held = heldTickets(state, c);
  if (!held.length) throw new AppError('no_ticket_held');
  const wrong = held.find((t) => !allowed.includes(t.status));
  if (wrong) throw new AppError('invalid_transition', { number: wrong.number, status: wrong.status });
  return [c, held];
}

export function recall(
  state: QueueState,
  counterId: string | null,
  ctx: EngineContext,
): Outcome<CounterOutcome> {
  const [c, held] = requireHeld(state, counterId, ['called']);
  const updated = held.map((t) => ({ ...t, recalls: t.recalls + 1, calledAt: ctx.now }));
  const changes = noChanges();
  changes.tickets = updated;
  changes.calls.push(announcement(ctx, updated, c.counterId, updated[0]?.recalls ?? 1));
  for (const t of updated)
    changes.audit.push(audit(ctx, 'ticket.recalled', t, { detail: { recalls: t.recalls } }));
  return { changes, result: { counter: c, tickets: updated } };
}

export function start(
  state: QueueState,
  counterId: string | null,
  ctx: EngineContext,
): Outcome<CounterOutcome> {
  const [c, held] = requireHeld(state, counterId, ['called']);
  const updated = held.map((t) => ({ ...t, status: 'serving' as const, servingSince: ctx.now }));
  const changes = noChanges();
  changes.tickets = updated;
  for (const t of updated) changes.audit.push(audit(ctx, 'ticket.started', t));
  return { changes, result: { counter: c, tickets: updated } };
}

function release(c: CounterState): CounterState {
  return { ...c, ticketIds: [] };
}

export function noShow(
  state: QueueState,
  counterId: string | null,
  ctx: EngineContext,
): Outcome<CounterOutcome> {
  const [c, held] = requireHeld(state, counterId, ['called']);
  const required = ctx.config.policy.noShowAfterRecalls;
  if (held.some((t) => t.recalls < required)) throw new AppError('no_show_too_early', { required });
  const updated = held.map((t) => ({ ...t, status: 'no_show' as const }));
  const changes = noChanges();
  changes.tickets = updated;
  const free = release(c);
  changes.counters.push(free);
  for (const t of updated) changes.audit.push(audit(ctx, 'ticket.no_show', t));
  return { changes, result: { counter: free, tickets: updated } };
}

/** Service time at a stage: from start of service (or the call, if never started) to hand-off. */
function serviceDuration(t: Ticket, now: number): number {
  return Math.max(0, now - (t.servingSince ?? t.calledAt ?? now));
}

/**
 * "Selesai" at a counter: the held tickets are done at this stage. Where their route goes on they
 * move to its next stage, keeping their place (rule 4); only at the last stage, or when the officer
 * explicitly ends the visit with a reason, is the ticket done.
 */
export function complete(
  state: QueueState,
  counterId: string | null,
  ctx: EngineContext,
  endVisit?: { reason: EndVisitReason },
): Outcome<CounterOutcome> {
  const [c, held] = requireHeld(state, counterId, ['called', 'serving']);
  const changes = noChanges();
  for (const t of held) {
    const route = service(ctx.config, t.serviceId).route;
    const nextStage = endVisit ? undefined : route[t.stageIndex + 1];
    if (nextStage) {
      moveOn(
        changes,
        t,
        { serviceId: t.serviceId, stageIndex: t.stageIndex + 1, stageId: nextStage },
        held.length,
        ctx,
      );
      continue;
    }
    const ms = serviceDuration(t, ctx.now);
    // The estimate needs time per applicant: a family served together shares the service.
    changes.durations.push([t.stageId, ms / held.length]);
    changes.tickets.push({ ...t, status: 'done' });
    const endedEarly = endVisit && t.stageIndex < route.length - 1;
    changes.audit.push(
      audit(ctx, 'ticket.completed', t, {
        durationMs: ms,
        detail: endedEarly ? { endedEarly: endVisit.reason } : null,
      }),
    );
  }
  const free = release(c);
  changes.counters.push(free);
  return { changes, result: { counter: free, tickets: changes.tickets } };
}

/**
 * A held ticket leaves this counter to wait at another stage. It keeps its place: the ordering
 * key (effective time, check-in time) does not change (rule 4).
 */
function moveOn(
  changes: Changes,
  t: Ticket,
  to: { serviceId: string; stageIndex: number; stageId: string },
  /** Applicants served together (a family): they share the service time. */
  applicants: number,
  ctx: EngineContext,
): void {
  const target = service(ctx.config, to.serviceId);
  const ms = serviceDuration(t, ctx.now);
  changes.durations.push([t.stageId, ms / applicants]);
  changes.audit.push(
    audit(ctx, 'ticket.transferred', t, {
      durationMs: ms,
      detail: { toStageId: to.stageId, toServiceId: to.serviceId },
    }),
  );
  changes.tickets.push({
    ...t,
    serviceId: to.serviceId,
    priority: t.priority || target.priority,
    stageIndex: to.stageIndex,
    stageId: to.stageId,
    status: 'waiting',
    counterId: null,
    calledAt: null,
    servingSince: null,
    recalls: 0,
    waitingSince: ctx.now,
  });
}

/**
 * Hands the held tickets on: to the next stage of their route, or to the first stage of another
 * service. They wait again but keep their place (rule 4).
 */
export function transfer(
  state: QueueState,
  counterId: string | null,
  toServiceId: string | undefined,
  ctx: EngineContext,
): Outcome<CounterOutcome> {
  const [c, held] = requireHeld(state, counterId, ['called', 'serving']);
  const target = toServiceId ? service(ctx.config, toServiceId) : null;
  const changes = noChanges();
  for (const t of held) {
    const route = target?.route ?? service(ctx.config, t.serviceId).route;
    const stageIndex = target ? 0 : t.stageIndex + 1;
    const stageId = route[stageIndex];
    if (!stageId) throw new AppError('no_next_stage');
    moveOn(changes, t, { serviceId: target?.id ?? t.serviceId, stageIndex, stageId }, held.length, ctx);
  }
  const free = release(c);
  changes.counters.push(free);
  return { changes, result: { counter: free, tickets: changes.tickets } };
}

/** A supervisor puts a no-show back in the queue, at its original place, the same day. */
export function reinstate(
  state: QueueState,
  ticketId: string,
  ctx: EngineContext,
): Outcome<{ ticket: Ticket }> {
  const t = state.tickets.get(ticketId);
  if (!t) throw new AppError('not_found');
  if (t.status !== 'no_show')
    throw new AppError('invalid_transition', { number: t.number, status: t.status });
  const back: Ticket = {
    ...t,
    status: 'waiting',
    counterId: null,
    calledAt: null,
    recalls: 0,
    waitingSince: ctx.now,
  };
  const changes = noChanges();
  changes.tickets = [back];
  changes.audit.push(audit(ctx, 'ticket.reinstated', back));
  return { changes, result: { ticket: back } };
}
