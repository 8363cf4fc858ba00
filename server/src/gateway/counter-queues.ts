import type { CounterQueue, CounterState } from '@giliran/shared';
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
  /** What the last queue sent per officer showed (see `shownBy`), 'none' once they left their counter. */
  const lastSent = new Map<string, string>();

  const viewOf = (counter: CounterState, order?: CallOrderHead): CounterQueue =>
    counterQueue(service.state, service.config, counter, service.clock.now(), order);

  const publishAll = () => {
    const officers = new Set(lastSent.keys());
    for (const c of service.state.counters.values())
      if (c.officer && c.mode !== 'closed') officers.add(c.officer);
    /** Counters with the same stages share one call order, computed once per round. */
    const orders = new Map<string, CallOrderHead>();
    const publish = (officer: string, shown: string, view: () => CounterQueue | null) => {
      // Compared by what it shows, not by its JSON: a view with names is built only when it changed.
      if (lastSent.get(officer) === shown) return;
      lastSent.set(officer, shown);
      io.to(ROOMS.officer(officer)).emit('counter:queue', view());
    };
    for (const officer of officers) {
      const counter = counterOf(service.state, officer);
      if (!counter) {
        publish(officer, 'none', () => null);
        continue;
      }
      const key = counter.stages.join('+');
      const order =
        orders.get(key) ??
        stagesCallOrder(service.state, service.config, counter.stages, service.clock.now());
      orders.set(key, order);
      publish(officer, shownBy(counter, order), () => viewOf(counter, order));
    }
  };

  // On the queue as stored, once per burst of commits and after their acks (service.onSettled).
  service.onSettled(publishAll);
  service.onDayChanged(() => {
    lastSent.clear();
    publishAll();
  });

  return {
    send(socket) {
      const officer = socket.data.principal.username;
      if (!officer) return;
      const counter = counterOf(service.state, officer);
      socket.emit('counter:queue', counter ? viewOf(counter) : null);
    },
  };
}

/**
 * Everything a counter's queue view is made of (`counterQueue`): the tickets it holds, the call
 * order's head and how many wait. Holders follow from the ids and never change.
 */
function shownBy(counter: CounterState, order: CallOrderHead): string {
  const head = order.first.slice(0, COUNTER_QUEUE_LENGTH).map((t) => t.id);
  return `${counter.counterId} ${counter.ticketIds.join(',')} ${order.total} ${head.join(',')}`;
}
