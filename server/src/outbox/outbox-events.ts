import type { CounterEventPayload, Ticket, TicketEventPayload } from '@giliran/shared';
import type { AuditEntry, Changes } from '../engine/state.ts';

/** One outbox row before it is written: what central receives, minus office code and seq. */
export interface OutboxEvent {
  type: string;
  at: number;
  payload: TicketEventPayload | CounterEventPayload;
}

/**
 * The outbox events of one command's committed changes: one per audit entry, its payload built
 * field by field from a whitelist (never by copying a record), so no name, NIK, birth date, booking
 * code, tracking token, group id or officer can reach central. Pure; the store calls it in its
 * transaction.
 */
export function outboxEvents(changes: Changes): OutboxEvent[] {
  if (!changes.audit.length) return [];
  const tickets = changes.tickets.length ? new Map(changes.tickets.map((t) => [t.id, t])) : null;
  return changes.audit.map((a) => ({
    type: a.action,
    at: a.at,
    payload: a.action.startsWith('counter.')
      ? counterPayload(a)
      : ticketPayload(a, a.ticketId ? tickets?.get(a.ticketId) : undefined),
  }));
}

function counterPayload(a: AuditEntry): CounterEventPayload {
  const p: CounterEventPayload = { counterId: a.counterId ?? '' };
  const stages = a.detail?.stages;
  if (Array.isArray(stages)) p.stages = stages.filter((s): s is string => typeof s === 'string');
  return p;
}

/** `t` is the ticket as this command left it (absent for a reprint, which changes no ticket). */
function ticketPayload(a: AuditEntry, t: Ticket | undefined): TicketEventPayload {
  const p: TicketEventPayload = { number: a.ticketNumber ?? '' };
  if (a.stageId) p.stageId = a.stageId;
  if (a.counterId) p.counterId = a.counterId;
  if (a.durationMs !== null) p.durationMs = a.durationMs;
  if (t) {
    p.priority = t.priority;
    p.booked = t.bookingCode !== null;
    p.applicationType = t.applicationType;
    // A transfer's ticket already stands at its next stage (maybe of another service): say where
    // it went instead of where it now is.
    if (a.action !== 'ticket.transferred') {
      p.serviceId = t.serviceId;
      p.stageIndex = t.stageIndex;
    }
  }
  if (a.action === 'ticket.issued' && t) {
    p.windowStart = t.windowStart;
    p.windowEnd = t.windowEnd;
  }
  const d = a.detail;
  if (a.action === 'ticket.recalled' && typeof d?.recalls === 'number') p.recalls = d.recalls;
  if (a.action === 'ticket.transferred') {
    if (typeof d?.toStageId === 'string') p.toStageId = d.toStageId;
    if (typeof d?.toServiceId === 'string') p.toServiceId = d.toServiceId;
  }
  return p;
}
