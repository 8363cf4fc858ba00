import type { PublicTicket, QueueSnapshot, StaffTicket, Ticket } from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';
import { counterOf } from '../engine/engine.ts';
import { serviceLoads, toPublicTicket, toStaffTicket, visibleTickets } from '../engine/projections.ts';
import type { QueueState } from '../engine/state.ts';
import type { QueueService } from '../store/queue-service.ts';
import { isStaff, isSupervisor } from './types.ts';

/** Tickets counters hold now (called or being served). */
function heldTickets(state: QueueState): Ticket[] {
  const out: Ticket[] = [];
  for (const c of state.counters.values())
    for (const id of c.ticketIds) {
      const t = state.tickets.get(id);
      if (t) out.push(t);
    }
  return out;
}

/** Everything a screen needs to render from scratch, in its audience's projection. */
export function snapshotFor(service: QueueService, p: Principal): QueueSnapshot<PublicTicket | StaffTicket> {
  const state = service.state;
  const now = service.clock.now();
  // Supervisors see the whole floor. Every other screen sees the tickets on counters: boards and
  // kiosks never read the waiting list, and a counter's own list comes with `counter:queue`.
  const tickets = isSupervisor(p) ? visibleTickets(state, now) : heldTickets(state);
  const counter = p.username ? counterOf(state, p.username) : null;
  // A counter sees names only for what it holds (and, in `counter:queue`, the next few it will call).
  const named = isSupervisor(p) ? null : new Set(counter?.ticketIds ?? []);
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
