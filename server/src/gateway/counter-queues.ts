import type { CounterState } from '@giliran/shared';
import { counterOf } from '../engine/engine.ts';
import {
  COUNTER_QUEUE_LENGTH,
  counterQueue,
  stagesCallOrder,
  type CallOrderHead,
} from '../engine/projections.ts';
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

  const viewOf = (counter: CounterState, order?: CallOrderHead, known?: ReadonlySet<string>) =>
    counterQueue(service.state, service.config, counter, service.clock.now(), order, known);

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
        sent.set(officer, { shown: NONE, known: new Set() });
        io.to(ROOMS.officer(officer)).emit('counter:queue', null);
        continue;
      }
      const key = counter.stages.join('+');
      const order =
        orders.get(key) ??
        stagesCallOrder(service.state, service.config, counter.stages, service.clock.now());
      orders.set(key, order);
      // Compared by what it shows, not by its JSON: a view with names is built only when it changed.
      const shown = shownBy(counter, order);
      if (last?.shown === shown) continue;
      const view = viewOf(counter, order, last?.known);
      sent.set(officer, { shown, known: new Set(view.ticketIds) });
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
      const listed = new Set(view?.ticketIds ?? []);
      sent.set(officer, {
        shown: last?.shown ?? (view ? '' : NONE),
        known: new Set([...(last?.known ?? [])].filter((id) => listed.has(id))),
      });
    },
  };
}

/** Sent to an officer without a counter. */
const NONE = 'none';

interface SentQueue {
  /** `shownBy` of the last queue sent to all the officer's sockets, `NONE`, or '' before any. */
  shown: string;
  /** Listed tickets every socket of the officer has (the next queue sends the others). */
  known: ReadonlySet<string>;
}

/**
 * Everything a counter's queue view is made of (`counterQueue`): the tickets it holds, the call
 * order's head and how many wait. Holders follow from the ids and never change.
 */
function shownBy(counter: CounterState, order: CallOrderHead): string {
  const head = order.first.slice(0, COUNTER_QUEUE_LENGTH).map((t) => t.id);
  return `${counter.counterId} ${counter.ticketIds.join(',')} ${order.total} ${head.join(',')}`;
}
