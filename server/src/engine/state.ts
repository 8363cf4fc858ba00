import {
  withRecentCalls,
  type CallAnnouncement,
  type CounterState,
  type OfficeConfig,
  type PickContext,
  type Ticket,
  type TicketHolder,
} from '@giliran/shared';
import { WaitingIndex } from './waiting-index.ts';

/** How many recent service durations per stage feed the median. */
export const DURATION_WINDOW = 25;

/** The queue of one office day, held in memory and mirrored in SQLite. */
export interface QueueState {
  day: string;
  tickets: Map<string, Ticket>;
  /** Personal data of booked tickets' holders (staff projections only). */
  holders: Map<string, TicketHolder>;
  byTrackToken: Map<string, string>;
  byBookingCode: Map<string, string>;
  counters: Map<string, CounterState>;
  /** Next sequence number per ticket letter; never reused within the day. */
  nextSeq: Map<string, number>;
  /** Consecutive priority calls per stage. */
  priorityStreak: Map<string, number>;
  /** Recent service durations (ms per applicant) per stage, newest last. */
  durations: Map<string, number[]>;
  recentCalls: CallAnnouncement[];
  /** The waiting tickets in call-order lanes, kept up to date by `applyChanges`. */
  waiting: WaitingIndex;
}

export function emptyState(day: string, config: OfficeConfig): QueueState {
  return {
    day,
    tickets: new Map(),
    holders: new Map(),
    byTrackToken: new Map(),
    byBookingCode: new Map(),
    counters: new Map(
      config.counters.map((c) => [
        c.id,
        { counterId: c.id, mode: 'closed', stages: [...c.stages], officer: null, ticketIds: [] },
      ]),
    ),
    nextSeq: new Map(),
    priorityStreak: new Map(),
    durations: new Map(),
    recentCalls: [],
    waiting: new WaitingIndex(),
  };
}

/** The call-order context of the day as it stands at `now` (run limits, streaks so far). */
export function pickContext(state: QueueState, config: OfficeConfig, now: number): PickContext {
  return {
    now,
    policy: config.policy,
    priorityStreak: (stage) => state.priorityStreak.get(stage) ?? 0,
  };
}

/** One audit-log row: who did what, where and when (the source of all statistics). */
export interface AuditEntry {
  at: number;
  action: string;
  actor: string;
  ticketId: string | null;
  ticketNumber: string | null;
  counterId: string | null;
  stageId: string | null;
  durationMs: number | null;
  detail: Record<string, unknown> | null;
}

/**
 * What a command changes: new versions of the touched records, the audit rows and the calls to
 * announce. The store writes it in one transaction; only then is it applied to memory and broadcast.
 */
export interface Changes {
  tickets: Ticket[];
  holders: [string, TicketHolder][];
  counters: CounterState[];
  streaks: [string, number][];
  durations: [string, number][];
  calls: CallAnnouncement[];
  audit: AuditEntry[];
}

export function noChanges(): Changes {
  return { tickets: [], holders: [], counters: [], streaks: [], durations: [], calls: [], audit: [] };
}

/** Applies committed changes to the in-memory state (never before the commit). */
export function applyChanges(state: QueueState, ch: Changes): void {
  for (const t of ch.tickets) {
    state.waiting.update(state.tickets.get(t.id), t);
    state.tickets.set(t.id, t);
    state.byTrackToken.set(t.trackToken, t.id);
    if (t.bookingCode) state.byBookingCode.set(t.bookingCode, t.id);
    const letter = ticketLetter(t.number);
    if (t.seq >= (state.nextSeq.get(letter) ?? 1)) state.nextSeq.set(letter, t.seq + 1);
  }
  for (const [id, h] of ch.holders) state.holders.set(id, h);
  for (const c of ch.counters) state.counters.set(c.counterId, c);
  for (const [stage, n] of ch.streaks) state.priorityStreak.set(stage, n);
  for (const [stage, ms] of ch.durations) {
    const list = state.durations.get(stage) ?? [];
    list.push(ms);
    if (list.length > DURATION_WINDOW) list.shift();
    state.durations.set(stage, list);
  }
  if (ch.calls.length) state.recentCalls = withRecentCalls(state.recentCalls, ch.calls);
}

/** A service as the audit log records it: one row per ticket, with the whole service's duration. */
export interface ServiceRow {
  stageId: string;
  durationMs: number;
  at: number;
  counterId: string | null;
}

/**
 * Service durations per applicant, in the rows' order: a family handed on together (one counter,
 * one instant, one stage) shares its service time, as `complete`/`transfer` record it live.
 */
export function perApplicantDurations(rows: readonly ServiceRow[]): [string, number][] {
  const members = new Map<string, number>();
  const key = (r: ServiceRow) => `${r.counterId ?? ''}|${r.at}|${r.stageId}`;
  for (const r of rows) members.set(key(r), (members.get(key(r)) ?? 0) + 1);
  return rows.map((r) => [r.stageId, r.durationMs / (members.get(key(r)) ?? 1)]);
}

/** `A012` → `A` (numbering is per letter, and a transferred ticket keeps its number). */
export function ticketLetter(number: string): string {
  return number.replace(/\d+$/, '');
}

/**
 * Several commands' changes as one: the latest version of each ticket and counter (in first-touch
 * order), every call, duration and audit row in order. Used to broadcast a committed batch once.
 */
export function mergeChanges(list: readonly Changes[]): Changes {
  if (list.length === 1) return list[0] as Changes;
  const tickets = new Map<string, Ticket>();
  const counters = new Map<string, CounterState>();
  const merged = noChanges();
  for (const ch of list) {
    for (const t of ch.tickets) tickets.set(t.id, t);
    for (const c of ch.counters) counters.set(c.counterId, c);
    merged.holders.push(...ch.holders);
    merged.streaks.push(...ch.streaks);
    merged.durations.push(...ch.durations);
    merged.calls.push(...ch.calls);
    merged.audit.push(...ch.audit);
  }
  merged.tickets = [...tickets.values()];
  merged.counters = [...counters.values()];
  return merged;
}
