import type { CounterState } from '@giliran/shared';
import { counterOf } from '../engine/engine.ts';
import { counterQueue, stagesCallOrder, type CallOrderHead } from '../engine/projections.ts';
import type { QueueService } from '../store/queue-service.ts';
import { ROOMS, type GiliranServer, type GiliranSocket } from './types.ts';

/**
 * Each officer working at a counter gets that counter's queue in call order (`counter:queue`), to
 * their own sockets only, whenever it changes: the console shows the server's order, and names
 * reach a counter only for the tickets it holds and the next few it will call.
 */
export function startCounterQueues(
  io: GiliranServer,
  service: QueueService,
): { send(s: GiliranSocket): void } {
  /** Per officer: what the last queue sent to all their sockets showed, and which tickets they all have. */
  const sent = new Map<string, SentQueue>();

  const viewOf = (counter: CounterState, order?: CallOrderHead, known?: readonly string[]) =>
    counterQueue(service.state, service.config, counter, service.clock.now(), order, known);

  // Runs after every burst of commits, for every officer: comparing must not allocate (an
  // allocation profile at 300 phones on a 25k day found this loop making 63 % of the garbage).
  const publishAll = () => {
    const officers = new Set(sent.keys());
    for (const c of service.state.counters.values())
      if (c.officer && c.mode !== 'closed') officers.add(c.officer);
    /** Counters with the same stages share one call order, computed once per round. */
    const orders = new Map<string, CallOrderHead>();
    for (const officer of officers) {
      const last = sent.get(officer);
      const counter = counterOf(service.state, officer);
      if (!counter) {
        if (last?.shown === NONE) continue;
        sent.set(officer, { shown: NONE, known: [] });
        io.to(ROOMS.officer(officer)).emit('counter:queue', null);
        continue;
      }
      const key = counter.stages.length === 1 ? (counter.stages[0] as string) : counter.stages.join('+');
      const order =
        orders.get(key) ??
        stagesCallOrder(service.state, service.config, counter.stages, service.clock.now());
      orders.set(key, order);
      // Compared by what it shows, not by its JSON: a view with names is built only when it changed.
      if (last && showsSame(last.shown, counter, order)) continue;
      const view = viewOf(counter, order, last?.known);
      sent.set(officer, {
        shown: {
          counterId: counter.counterId,
          held: counter.ticketIds, // a counter changes by being replaced, never in place
          total: order.total,
          head: view.ticketIds,
        },
        known: view.ticketIds,
      });
      io.to(ROOMS.officer(officer)).emit('counter:queue', view);
    }
  };

  // On the queue as stored, once per burst of commits and after their acks (service.onSettled).
  service.onSettled(publishAll);
  service.onDayChanged(() => {
    sent.clear();
    publishAll();
  });

  return {
    /** A (re)connected console: its whole queue, with every listed ticket. */
    send(socket) {
      const officer = socket.data.principal.username;
      if (!officer) return;
      const counter = counterOf(service.state, officer);
      const view = counter ? viewOf(counter) : null;
      socket.emit('counter:queue', view);
      // This socket has the listed tickets, the officer's other sockets `known`: only tickets in
      // both are on every screen. With no entry yet, the next change goes to all in full.
      const last = sent.get(officer);
      const listed = view?.ticketIds ?? [];
      sent.set(officer, {
        shown: last ? last.shown : view ? null : NONE,
        known: (last?.known ?? []).filter((id) => listed.includes(id)),
      });
    },
  };
}

/** Sent to an officer without a counter. */
const NONE = 'none';

/**
 * Everything a counter's queue view is made of (`counterQueue`): the tickets it holds, the call
 * order's head and how many wait. Holders follow from the ids and never change.
 */
export interface Shown {
  counterId: string;
  held: readonly string[];
  total: number;
  head: readonly string[];
}

interface SentQueue {
  /** What the last queue sent to all the officer's sockets showed; `NONE`; null before any. */
  shown: Shown | typeof NONE | null;
  /** Listed tickets every socket of the officer has (the next queue sends the others). */
  known: readonly string[];
}

export function showsSame(shown: SentQueue['shown'], counter: CounterState, order: CallOrderHead): boolean {
  if (shown === null || shown === NONE) return false;
  if (shown.counterId !== counter.counterId || shown.total !== order.total) return false;
  if (!sameIds(shown.held, counter.ticketIds)) return false;
  // `order.first` is already only the listed head (`stagesCallOrder`).
  if (shown.head.length !== order.first.length) return false;
  return order.first.every((t, i) => t.id === shown.head[i]);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
