import {
  checklistFor,
  localParts,
  maskName,
  callOrder,
  positionsAtStage,
  type CounterQueue,
  type CounterState,
  type TicketHolder,
  type Lang,
  type Localized,
  type OfficeConfig,
  type PublicTicket,
  type ServiceLoad,
  type StaffTicket,
  type Ticket,
  type TicketPrintData,
  type TrackUpdate,
} from '@giliran/shared';
import { counterNumber } from './engine.ts';
import { pickContext, type QueueState } from './state.ts';
import { queueOutlook, waitMinutes, type QueueOutlook } from './wait-outlook.ts';

/**
 * Views of the queue per audience. Boards, kiosks and phones get `PublicTicket`s only: the fields
 * are picked one by one, so adding a personal field to `Ticket` can never leak by accident.
 */
export function toPublicTicket(t: Ticket): PublicTicket {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    stageId: t.stageId,
    status: t.status,
    priority: t.priority,
    groupId: t.groupId,
    counterId: t.counterId,
    calledAt: t.calledAt,
    recalls: t.recalls,
    waitingSince: t.waitingSince,
  };
}

/** How many tickets a counter's queue lists, and how many of the next ones carry their holder. */
export const COUNTER_QUEUE_LENGTH = 50;
export const NAMED_AHEAD = 3;

/**
 * A ticket as staff see it. `withHolder` false strips the holder: counters receive names only for
 * the tickets they hold and the next few they will call (see `counterQueue`).
 */
export function toStaffTicket(state: QueueState, t: Ticket, withHolder = true): StaffTicket {
  return {
    ...toPublicTicket(t),
    servingSince: t.servingSince,
    bookingCode: t.bookingCode,
    applicationType: t.applicationType,
    checkedInAt: t.checkedInAt,
    windowStart: t.windowStart,
    windowEnd: t.windowEnd,
    note: t.note,
    holder: withHolder ? (state.holders.get(t.id) ?? null) : null,
  };
}

export function stagesCallOrder(
  state: QueueState,
  config: OfficeConfig,
  stages: readonly string[],
  now: number,
): Ticket[] {
  return [...callOrder(state.tickets.values(), stages, pickContext(state, config, now))];
}

/** A counter's queue in its call order, with the holders it may see (held + the next few). */
export function counterQueue(
  state: QueueState,
  config: OfficeConfig,
  counter: CounterState,
  now: number,
  /** The call order of the counter's stages, when already computed for another counter. */
  order: readonly Ticket[] = stagesCallOrder(state, config, counter.stages, now),
): CounterQueue {
  const holders: Record<string, TicketHolder> = {};
  for (const id of [...counter.ticketIds, ...order.slice(0, NAMED_AHEAD).map((t) => t.id)]) {
    const h = state.holders.get(id);
    if (h) holders[id] = h;
  }
  return {
    counterId: counter.counterId,
    ticketIds: order.slice(0, COUNTER_QUEUE_LENGTH).map((t) => t.id),
    total: order.length,
    holders,
  };
}

/** Tickets a screen needs: everything not finished, plus finished ones of the last hour. */
export function visibleTickets(state: QueueState, now: number): Ticket[] {
  const out: Ticket[] = [];
  for (const t of state.tickets.values()) {
    if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving') out.push(t);
    else if (now - t.waitingSince < 60 * 60_000) out.push(t);
  }
  return out;
}

function stageName(config: OfficeConfig, stageId: string): Localized {
  return config.stages.find((s) => s.id === stageId)?.name ?? { id: stageId, en: stageId };
}

/** People ahead of a waiting ticket: its index in its stage's call order (0 when not waiting). */
export function peopleAhead(state: QueueState, config: OfficeConfig, ticket: Ticket, now: number): number {
  if (ticket.status !== 'waiting') return 0;
  const ctx = pickContext(state, config, now);
  return positionsAtStage(state.tickets.values(), ticket.stageId, ctx).get(ticket.id) ?? 0;
}

/**
 * A ticket's wait: people ahead in call order and the estimated minutes until its call (0 for a
 * ticket no longer waiting). The one source of the figure on the ticket, kiosk, board and phone.
 */
export function ticketWait(
  state: QueueState,
  config: OfficeConfig,
  t: Ticket,
  now: number,
  ahead: number = peopleAhead(state, config, t, now),
  outlook: QueueOutlook = queueOutlook(state, config, now),
): { peopleAhead: number; estimatedWaitMinutes: number } {
  return { peopleAhead: ahead, estimatedWaitMinutes: waitMinutes(outlook, t, ahead) };
}

/**
 * Per service: tickets waiting, and the estimated wait of the last of them in call order (what its
 * holder's phone shows); no one waiting → no wait.
 */
export function serviceLoads(state: QueueState, config: OfficeConfig, now: number): ServiceLoad[] {
  const positions = positionsByTicket(state, config, now);
  const waitingOfService = new Map<string, number>();
  const lastAt = new Map<string, Ticket>(); // per service and stage: the last in call order
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting') continue;
    waitingOfService.set(t.serviceId, (waitingOfService.get(t.serviceId) ?? 0) + 1);
    const key = `${t.serviceId}|${t.stageId}`;
    const last = lastAt.get(key);
    if (!last || (positions.get(last.id) ?? 0) < (positions.get(t.id) ?? 0)) lastAt.set(key, t);
  }
  const outlook = lastAt.size ? queueOutlook(state, config, now) : null;
  const longest = new Map<string, number>();
  for (const t of lastAt.values()) {
    const ahead = positions.get(t.id) ?? 0;
    const w = ticketWait(state, config, t, now, ahead, outlook ?? undefined).estimatedWaitMinutes;
    longest.set(t.serviceId, Math.max(longest.get(t.serviceId) ?? 0, w));
  }
  return config.services.map((s) => ({
    serviceId: s.id,
    waiting: waitingOfService.get(s.id) ?? 0,
    estimatedWaitMinutes: longest.get(s.id) ?? 0,
  }));
}

/**
 * People ahead of every waiting ticket, one call order per stage. The phone tick needs hundreds of
 * positions at once; one `peopleAhead` each would be O(phones × tickets).
 */
export function positionsByTicket(state: QueueState, config: OfficeConfig, now: number): Map<string, number> {
  const stages = new Set<string>();
  for (const t of state.tickets.values()) if (t.status === 'waiting') stages.add(t.stageId);
  const ctx = pickContext(state, config, now);
  const positions = new Map<string, number>();
  for (const stage of stages)
    for (const [id, i] of positionsAtStage(state.tickets.values(), stage, ctx)) positions.set(id, i);
  return positions;
}

export function trackUpdate(
  state: QueueState,
  config: OfficeConfig,
  t: Ticket,
  now: number,
  ahead: number = peopleAhead(state, config, t, now),
  outlook?: QueueOutlook,
): TrackUpdate {
  const service = config.services.find((s) => s.id === t.serviceId);
  return {
    number: t.number,
    status: t.status,
    serviceName: service?.name ?? { id: t.serviceId, en: t.serviceId },
    stageName: stageName(config, t.stageId),
    ...ticketWait(state, config, t, now, ahead, outlook),
    counterNumber:
      t.counterId && (t.status === 'called' || t.status === 'serving')
        ? counterNumber(config, t.counterId)
        : null,
    recalls: t.recalls,
    at: now,
    timeZone: config.office.timeZone,
  };
}

/** The ticket as printed: checklist from the one office list, masked name, local times. */
export function ticketPrintData(
  state: QueueState,
  config: OfficeConfig,
  t: Ticket,
  opts: { reprint: boolean; trackingBaseUrl: string; lang: Lang; now: number },
): TicketPrintData {
  const tz = config.office.timeZone;
  const service = config.services.find((s) => s.id === t.serviceId);
  const holder = state.holders.get(t.id);
  const checked = localParts(t.checkedInAt, tz);
  return {
    officeName: config.office.name,
    number: t.number,
    serviceName: service?.name ?? { id: t.serviceId, en: t.serviceId },
    stageName: stageName(config, t.stageId),
    localDate: checked.date,
    localTime: checked.time,
    ...ticketWait(state, config, t, opts.now),
    bookedWindow:
      t.windowStart !== null && t.windowEnd !== null
        ? { start: localParts(t.windowStart, tz).time, end: localParts(t.windowEnd, tz).time }
        : null,
    checklist: checklistFor(config, t),
    trackingUrl: `${opts.trackingBaseUrl.replace(/\/$/, '')}/t/${t.trackToken}`,
    maskedName: holder ? maskName(holder.fullName) : null,
    reprint: opts.reprint,
    note: t.note,
    lang: opts.lang,
  };
}
