import type { ServiceLoad } from '@giliran/shared';
import { serviceLoads, toPublicTicket, toStaffTicket } from '../engine/projections.ts';
import type { QueueService } from '../store/queue-service.ts';
import { snapshotFor } from './snapshot.ts';
import { ROOMS, type GiliranServer } from './types.ts';

/**
 * After every committed batch: ONE `queue:changes` frame per board and staff screen, in its
 * audience's projection (boards: public tickets; counters: staff tickets without names;
 * supervisors: with names) (socket writes, not SQLite, dominate under load). Kiosks get none: they
 * print the wait computed at issue time. After a day change every screen gets a fresh snapshot.
 */
export function fanOutCommits(io: GiliranServer, service: QueueService): void {
  let lastLoads = '';

  /** The service loads if they differ from the last ones sent, else null. */
  const changedLoads = (): ServiceLoad[] | null => {
    const loads = serviceLoads(service.state, service.config, service.clock.now());
    const json = JSON.stringify(loads);
    if (json === lastLoads) return null;
    lastLoads = json;
    return loads;
  };

  service.onCommitted((changes, state) => {
    const loads =
      changes.tickets.length || changes.counters.length || changes.durations.length ? changedLoads() : null;
    if (!changes.tickets.length && !changes.counters.length && !changes.calls.length && !loads) return;
    const common = { counters: changes.counters, calls: changes.calls, loads };
    io.to(ROOMS.boards).emit('queue:changes', { ...common, tickets: changes.tickets.map(toPublicTicket) });
    io.to(ROOMS.counters).emit('queue:changes', {
      ...common,
      tickets: changes.tickets.map((t) => toStaffTicket(state, t, false)),
    });
    io.to(ROOMS.supervisors).emit('queue:changes', {
      ...common,
      tickets: changes.tickets.map((t) => toStaffTicket(state, t)),
    });
  });

  service.onDayChanged(() => {
    for (const [, socket] of io.of('/').sockets) {
      const p = socket.data.principal;
      if (p.role !== 'phone') socket.emit('queue:snapshot', snapshotFor(service, p));
    }
  });
}
