import type { CounterQueue } from '@giliran/shared';
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
  /** The last queue sent per officer, to send only changes (null once they left their counter). */
  const lastSent = new Map<string, string>();

  /** Counters with the same stages share one call order, computed once per round. */
  const viewOf = (officer: string, orders = new Map<string, CallOrderHead>()): CounterQueue | null => {
    const counter = counterOf(service.state, officer);
    if (!counter) return null;
    const now = service.clock.now();
    const key = counter.stages.join('+');
    const order = orders.get(key) ?? stagesCallOrder(service.state, service.config, counter.stages, now);
    orders.set(key, order);
    return counterQueue(service.state, service.config, counter, now, order);
  };

  const publishAll = () => {
    const officers = new Set(lastSent.keys());
    for (const c of service.state.counters.values())
      if (c.officer && c.mode !== 'closed') officers.add(c.officer);
    const orders = new Map<string, CallOrderHead>();
    for (const officer of officers) {
      const view = viewOf(officer, orders);
      const key = JSON.stringify(view);
      if (lastSent.get(officer) === key) continue;
      lastSent.set(officer, key);
      io.to(ROOMS.officer(officer)).emit('counter:queue', view);
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
      if (officer) socket.emit('counter:queue', viewOf(officer));
    },
  };
}
