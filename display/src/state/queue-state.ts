import {
  withRecentCalls,
  type CallAnnouncement,
  type CounterActionResult,
  type CounterQueue,
  type CounterState,
  type OfficeConfig,
  type PublicTicket,
  type QueueChanges,
  type QueueSnapshot,
  type ServiceLoad,
  type StaffTicket,
  type TicketHolder,
} from '@giliran/shared';

/**
 * What a screen knows about the floor: the last snapshot plus every event after it. Pure, so the
 * board, the counter console and the tests share one implementation. A (re)connect replaces
 * everything with the new snapshot; until then the last state stays on screen (never a blank page).
 */
export interface QueueState<T extends PublicTicket = PublicTicket> {
  /** Null until the first snapshot arrives. */
  config: OfficeConfig | null;
  day: string | null;
  /** `serverTime - Date.now()` at the snapshot, so clocks follow the server, not the TV's clock. */
  clockOffsetMs: number;
  tickets: Record<string, T>;
  counters: Record<string, CounterState>;
  loads: ServiceLoad[];
  /** Newest first, at most `RECENT_CALLS_KEPT` (one builder: `withRecentCalls`). */
  recentCalls: CallAnnouncement[];
  viewer: QueueSnapshot['viewer'] | null;
  /** For an officer at a counter: its queue in the server's call order, and the names it may see. */
  counterQueue: CounterQueue | null;
  connected: boolean;
}

export type QueueAction<T extends PublicTicket = PublicTicket> =
  | { type: 'snapshot'; snapshot: QueueSnapshot<T>; receivedAt: number }
  | { type: 'ticketsChanged'; tickets: T[] }
  | { type: 'changes'; changes: QueueChanges<T> }
  | { type: 'actionResult'; result: CounterActionResult }
  | { type: 'counterQueue'; queue: CounterQueue | null }
  | { type: 'connection'; connected: boolean };

export function initialQueueState<T extends PublicTicket = PublicTicket>(): QueueState<T> {
  return {
    config: null,
    day: null,
    clockOffsetMs: 0,
    tickets: {},
    counters: {},
    loads: [],
    recentCalls: [],
    viewer: null,
    counterQueue: null,
    connected: false,
  };
}

function byId<V>(items: readonly V[], key: (v: V) => string): Record<string, V> {
  const out: Record<string, V> = {};
  for (const item of items) out[key(item)] = item;
  return out;
}

export function queueReducer<T extends PublicTicket>(
  state: QueueState<T>,
  action: QueueAction<T>,
): QueueState<T> {
  switch (action.type) {
    case 'snapshot': {
      const s = action.snapshot;
      return {
        config: s.config,
        day: s.day,
        clockOffsetMs: s.serverTime - action.receivedAt,
        tickets: byId(s.tickets, (t) => t.id),
        counters: byId(s.counters, (c) => c.counterId),
        loads: s.loads,
        recentCalls: withRecentCalls([], [...s.recentCalls].reverse()),
        viewer: s.viewer,
        counterQueue: state.counterQueue,
        connected: true,
      };
    }
    case 'ticketsChanged': {
      if (action.tickets.length === 0) return state;
      const tickets = { ...state.tickets };
      for (const t of action.tickets) tickets[t.id] = t;
      return { ...state, tickets };
    }
    case 'changes': {
      const { tickets, counters, calls, loads } = action.changes;
      const next = { ...state };
      if (tickets.length) {
        next.tickets = { ...state.tickets };
        for (const t of tickets) next.tickets[t.id] = t;
      }
      if (counters.length) {
        next.counters = { ...state.counters };
        for (const c of counters) next.counters[c.counterId] = c;
      }
      if (calls.length) next.recentCalls = withRecentCalls(state.recentCalls, calls);
      if (loads) next.loads = loads;
      return next;
    }
    case 'actionResult': {
      const tickets = { ...state.tickets };
      // The acting counter receives staff tickets; the state type of that screen is StaffTicket.
      for (const t of action.result.tickets as unknown as T[]) tickets[t.id] = t;
      const counter = action.result.counter;
      return { ...state, tickets, counters: { ...state.counters, [counter.counterId]: counter } };
    }
    case 'counterQueue': {
      const listed = (action.queue?.tickets ?? []) as unknown as T[];
      if (!listed.length) return { ...state, counterQueue: action.queue };
      // The listed tickets this console did not have yet (see CounterQueue.tickets).
      const tickets = { ...state.tickets };
      for (const t of listed) tickets[t.id] = t;
      return { ...state, tickets, counterQueue: action.queue };
    }
    case 'connection':
      return state.connected === action.connected ? state : { ...state, connected: action.connected };
  }
}

// ─── Selectors ────────────────────────────────────────────────────────────────────────────────────

/** The call shown big: the newest one. */
export function currentCall<T extends PublicTicket>(state: QueueState<T>): CallAnnouncement | null {
  return state.recentCalls[0] ?? null;
}

/** Ticket numbers a counter holds right now, e.g. `['A012']`. */
export function counterTicketNumbers<T extends PublicTicket>(
  state: QueueState<T>,
  counterId: string,
): string[] {
  const counter = state.counters[counterId];
  if (!counter) return [];
  return counter.ticketIds.map((id) => state.tickets[id]?.number).filter((n): n is string => n !== undefined);
}

/**
 * A counter's waiting list exactly in the server's call order (`counter:queue`), never re-sorted
 * here: the first row is who "call next" brings.
 */
export function counterWaitingList<T extends PublicTicket>(state: QueueState<T>): T[] {
  const ids = state.counterQueue?.ticketIds ?? [];
  return ids.map((id) => state.tickets[id]).filter((t): t is T => t !== undefined);
}

/** The holder of a ticket as this screen may see it (a counter: held and next few only). */
export function holderOf(state: StaffQueueState, ticket: StaffTicket): TicketHolder | null {
  return ticket.holder ?? state.counterQueue?.holders[ticket.id] ?? null;
}

/** Tickets a counter holds (called or being served), in its order. */
export function heldTickets<T extends PublicTicket>(state: QueueState<T>, counterId: string): T[] {
  const counter = state.counters[counterId];
  if (!counter) return [];
  return counter.ticketIds.map((id) => state.tickets[id]).filter((t): t is T => t !== undefined);
}

/** No-show tickets of the day, newest call first (a supervisor may reinstate them). */
export function noShows<T extends PublicTicket>(state: QueueState<T>): T[] {
  return Object.values(state.tickets)
    .filter((t) => t.status === 'no_show')
    .sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0));
}

export type StaffQueueState = QueueState<StaffTicket>;
