import type { PublicTicket, QueueSnapshot, StaffTicket } from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';
import { counterOf } from '../engine/engine.ts';
import {
  counterQueue,
  serviceLoads,
  toPublicTicket,
  toStaffTicket,
  visibleTickets,
} from '../engine/projections.ts';
import type { QueueService } from '../store/queue-service.ts';
import { isStaff, isSupervisor } from './types.ts';

/** Everything a screen needs to render from scratch, in its audience's projection. */
export function snapshotFor(service: QueueService, p: Principal): QueueSnapshot<PublicTicket | StaffTicket> {
  const state = service.state;
  const now = service.clock.now();
  const tickets = visibleTickets(state, now);
  const counter = p.username ? counterOf(state, p.username) : null;
  // A counter sees names only for what it holds and the next few it will call.
  const named = isSupervisor(p)
    ? null
    : new Set(counter ? Object.keys(counterQueue(state, service.config, counter, now).holders) : []);
  // Where this office reports to is no screen's business.
  const { central: _central, ...config } = service.config;
  return {
    day: state.day,
    serverTime: now,
    config,
    tickets: isStaff(p)
      ? tickets.map((t) => toStaffTicket(state, t, !named || named.has(t.id)))
      : tickets.map(toPublicTicket),
    counters: [...state.counters.values()],
    loads: serviceLoads(state, service.config, now),
    recentCalls: state.recentCalls,
    viewer: { role: p.role, name: p.name, counterId: counter?.counterId ?? null },
  };
}
