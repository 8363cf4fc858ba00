import { describe, expect, it } from 'vitest';
import type { PublicTicket, QueueChanges, StaffTicket } from '@giliran/shared';
import {
  counterTicketNumbers,
  currentCall,
  heldTickets,
  initialQueueState,
  noShows,
  queueReducer,
  counterWaitingList,
  type QueueAction,
  type QueueState,
} from './queue-state.ts';
import { call, counter, publicTicket, snapshot, staffTicket } from './fixtures.ts';

function run<T extends PublicTicket>(
  actions: QueueAction<T>[],
  start = initialQueueState<T>(),
): QueueState<T> {
  return actions.reduce(queueReducer<T>, start);
}

/** One `queue:changes` batch; what is not given did not change. */
function changes<T extends PublicTicket = PublicTicket>(part: Partial<QueueChanges<T>>): QueueAction<T> {
  return { type: 'changes', changes: { tickets: [], counters: [], calls: [], loads: null, ...part } };
}

describe('queueReducer', () => {
  it('starts empty and disconnected', () => {
    const s = initialQueueState();
    expect(s).toMatchObject({ config: null, connected: false, recentCalls: [] });
  });

  it('takes everything from a snapshot and measures the clock offset to the server', () => {
    const s = run([
      {
        type: 'snapshot',
        receivedAt: 40_000,
        snapshot: snapshot({
          tickets: [publicTicket({ id: 't1', number: 'A001' })],
          recentCalls: [call({ at: 1 }), call({ at: 3 }), call({ at: 2 })],
        }),
      },
    ]);
    expect(s.connected).toBe(true);
    expect(s.clockOffsetMs).toBe(10_000);
    expect(s.day).toBe('2026-11-28');
    expect(Object.keys(s.tickets)).toEqual(['t1']);
    expect(Object.keys(s.counters)).toEqual(['loket-1', 'loket-4']);
    expect(s.recentCalls.map((c) => c.at)).toEqual([3, 2, 1]);
  });

  it('upserts changed tickets and leaves the others', () => {
    const s = run([
      {
        type: 'snapshot',
        receivedAt: 0,
        snapshot: snapshot({
          tickets: [publicTicket({ id: 't1', number: 'A001' }), publicTicket({ id: 't2', number: 'A002' })],
        }),
      },
      {
        type: 'ticketsChanged',
        tickets: [
          publicTicket({ id: 't1', number: 'A001', status: 'called', counterId: 'loket-1' }),
          publicTicket({ id: 't3', number: 'F001', serviceId: 'informasi', stageId: 'informasi' }),
        ],
      },
    ]);
    expect(s.tickets.t1?.status).toBe('called');
    expect(s.tickets.t2?.status).toBe('waiting');
    expect(s.tickets.t3?.number).toBe('F001');
  });

  it('puts a new call first, keeps recalls as separate calls, ignores a duplicate delivery', () => {
    const first = call({ at: 100 });
    const recall = call({ at: 200, recall: 1 });
    const s = run([
      { type: 'snapshot', receivedAt: 0, snapshot: snapshot() },
      changes({ calls: [first] }),
      changes({ calls: [recall] }),
      changes({ calls: [recall] }),
    ]);
    expect(s.recentCalls).toEqual([recall, first]);
    expect(currentCall(s)).toEqual(recall);
  });

  it('applies a whole batch at once: tickets, counters, calls and loads together', () => {
    const a = call({ at: 300, counterId: 'loket-1', numbers: ['A001'] });
    const b = call({ at: 300, counterId: 'loket-2', numbers: ['A002'] });
    const before = run([{ type: 'snapshot', receivedAt: 0, snapshot: snapshot() }]);
    const s = queueReducer(
      before,
      changes({
        tickets: [publicTicket({ id: 't9', number: 'A009', status: 'called', counterId: 'loket-1' })],
        counters: [counter({ counterId: 'loket-1', mode: 'paused' }), counter({ counterId: 'loket-2' })],
        calls: [a, b],
      }),
    );
    expect(s.tickets.t9?.status).toBe('called');
    expect(s.counters['loket-1']?.mode).toBe('paused');
    // Two calls in the same instant: the later one (last in the batch) is the one shown big.
    expect(s.recentCalls.slice(0, 2)).toEqual([b, a]);
    // Loads absent from the batch (null) keep the last ones.
    expect(s.loads).toBe(before.loads);
  });

  it('keeps the 8 newest calls, newest first', () => {
    const actions: QueueAction[] = Array.from({ length: 13 }, (_, i) =>
      changes({ calls: [call({ at: i, numbers: [`A${String(i).padStart(3, '0')}`] })] }),
    );
    const s = run(actions);
    expect(s.recentCalls.map((c) => c.at)).toEqual([12, 11, 10, 9, 8, 7, 6, 5]);
  });

  it('replaces a counter and the loads', () => {
    const s = run([
      { type: 'snapshot', receivedAt: 0, snapshot: snapshot() },
      changes({ counters: [counter({ counterId: 'loket-1', mode: 'paused' })] }),
      changes({ loads: [{ serviceId: 'mpaspor', waiting: 7, estimatedWaitMinutes: 21 }] }),
    ]);
    expect(s.counters['loket-1']?.mode).toBe('paused');
    expect(s.counters['loket-4']?.mode).toBe('open');
    expect(s.loads).toEqual([{ serviceId: 'mpaspor', waiting: 7, estimatedWaitMinutes: 21 }]);
  });

  it('applies a counter action result (counter + staff tickets)', () => {
    const held = staffTicket({ id: 't1', number: 'A001', status: 'called', counterId: 'loket-1' });
    const s = run<StaffTicket>([
      { type: 'snapshot', receivedAt: 0, snapshot: snapshot<StaffTicket>() },
      {
        type: 'actionResult',
        result: { counter: counter({ counterId: 'loket-1', ticketIds: ['t1'] }), tickets: [held] },
      },
    ]);
    expect(heldTickets(s, 'loket-1')).toEqual([held]);
    expect(counterTicketNumbers(s, 'loket-1')).toEqual(['A001']);
    expect(counterTicketNumbers(s, 'nope')).toEqual([]);
  });

  it('keeps the last state while disconnected and resyncs from the next snapshot', () => {
    const before = run([
      {
        type: 'snapshot',
        receivedAt: 0,
        snapshot: snapshot({ tickets: [publicTicket({ id: 't1', number: 'A001' })] }),
      },
      changes({ calls: [call()] }),
    ]);
    const offline = queueReducer(before, { type: 'connection', connected: false });
    expect(offline.connected).toBe(false);
    expect(offline.tickets).toBe(before.tickets);
    expect(offline.recentCalls).toBe(before.recentCalls);
    expect(queueReducer(offline, { type: 'connection', connected: false })).toBe(offline);

    const after = queueReducer(offline, {
      type: 'snapshot',
      receivedAt: 0,
      snapshot: snapshot({ tickets: [publicTicket({ id: 't2', number: 'A002' })] }),
    });
    expect(after.connected).toBe(true);
    expect(Object.keys(after.tickets)).toEqual(['t2']);
    expect(after.recentCalls).toEqual([]);
  });
});

describe('selectors', () => {
  const s = run([
    {
      type: 'snapshot',
      receivedAt: 0,
      snapshot: snapshot({
        tickets: [
          publicTicket({ id: 'a', number: 'A002', waitingSince: 200 }),
          publicTicket({ id: 'b', number: 'A001', waitingSince: 100 }),
          publicTicket({ id: 'p', number: 'B001', waitingSince: 300, priority: true }),
          publicTicket({ id: 'f', number: 'A003', stageId: 'foto' }),
          publicTicket({ id: 'c', number: 'A004', status: 'called' }),
          publicTicket({ id: 'n1', number: 'A005', status: 'no_show', calledAt: 5 }),
          publicTicket({ id: 'n2', number: 'A006', status: 'no_show', calledAt: 9 }),
        ],
      }),
    },
  ]);

  it("a counter's waiting list is the server's call order, never re-sorted on the screen", () => {
    expect(counterWaitingList(s)).toEqual([]); // no counter:queue yet: nothing is guessed
    const q = queueReducer(s, {
      type: 'counterQueue',
      queue: { counterId: 'loket-1', ticketIds: ['a', 'p', 'gone', 'b'], tickets: [], total: 4, holders: {} },
    });
    // Exactly the server's order (A002 before B001 and A001), skipping a ticket not known here.
    expect(counterWaitingList(q).map((t) => t.number)).toEqual(['A002', 'B001', 'A001']);
  });

  it("keeps the tickets a counter's queue brings, and the newer copy of one it already has", () => {
    const staff = queueReducer(initialQueueState<StaffTicket>(), {
      type: 'snapshot',
      receivedAt: 0,
      snapshot: snapshot<StaffTicket>({ tickets: [staffTicket({ id: 'a', number: 'A002' })] }),
    });
    const q1 = queueReducer(staff, {
      type: 'counterQueue',
      queue: {
        counterId: 'loket-1',
        ticketIds: ['w1', 'a'],
        tickets: [
          staffTicket({ id: 'w1', number: 'A010' }),
          staffTicket({ id: 'a', number: 'A002', recalls: 1 }),
        ],
        total: 2,
        holders: {},
      },
    });
    expect(counterWaitingList(q1).map((t) => [t.number, t.recalls])).toEqual([
      ['A010', 0],
      ['A002', 1],
    ]);
    // A later queue that brings nothing new keeps what the earlier one brought.
    const q2 = queueReducer(q1, {
      type: 'counterQueue',
      queue: { counterId: 'loket-1', ticketIds: ['a', 'w1'], tickets: [], total: 2, holders: {} },
    });
    expect(counterWaitingList(q2).map((t) => t.number)).toEqual(['A002', 'A010']);
  });

  it('noShows lists no-shows newest first', () => {
    expect(noShows(s).map((t) => t.number)).toEqual(['A006', 'A005']);
  });

  it('currentCall is null without calls', () => {
    expect(currentCall(s)).toBeNull();
  });
});
