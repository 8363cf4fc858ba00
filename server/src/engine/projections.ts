import {
  estimateWaitMinutes,
  checklistFor,
  localParts,
  maskName,
  median,
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

/** Median service minutes at a stage: recent data, else the configured default. */
export function medianServiceMinutes(state: QueueState, config: OfficeConfig, stageId: string): number {
  const fallback = config.stages.find((s) => s.id === stageId)?.defaultServiceMinutes ?? 5;
  return median(
    (state.durations.get(stageId) ?? []).map((ms) => ms / 60_000),
    fallback,
  );
}

/** Counters that serve a stage: those open now, or all configured while none is open. */
export function servingCounters(state: QueueState, config: OfficeConfig, stageId: string): number {
  let open = 0;
  for (const c of state.counters.values()) if (c.mode === 'open' && c.stages.includes(stageId)) open++;
  return open || config.counters.filter((c) => c.stages.includes(stageId)).length;
}

/** People ahead of a waiting ticket: its index in its stage's call order (0 when not waiting). */
export function peopleAhead(state: QueueState, config: OfficeConfig, ticket: Ticket, now: number): number {
  if (ticket.status !== 'waiting') return 0;
  const ctx = pickContext(state, config, now);
  return positionsAtStage(state.tickets.values(), ticket.stageId, ctx).get(ticket.id) ?? 0;
}

export function estimatedWait(
  state: QueueState,
  config: OfficeConfig,
  ticket: Ticket,
  ahead: number,
): number {
  return estimateWaitMinutes(
    ahead,
    servingCounters(state, config, ticket.stageId),
    medianServiceMinutes(state, config, ticket.stageId),
  );
}

/** Per service: tickets waiting, and the wait a newcomer of that service would face now. */
export function serviceLoads(state: QueueState, config: OfficeConfig): ServiceLoad[] {
  const waitingAtStage = new Map<string, { all: number; priority: number }>();
  const waitingOfService = new Map<string, number>();
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting') continue;
    const w = waitingAtStage.get(t.stageId) ?? { all: 0, priority: 0 };
    w.all++;
    if (t.priority) w.priority++;
    waitingAtStage.set(t.stageId, w);
    waitingOfService.set(t.serviceId, (waitingOfService.get(t.serviceId) ?? 0) + 1);
  }
  return config.services.map((s) => {
    const first = s.route[0] as string;
    const w = waitingAtStage.get(first) ?? { all: 0, priority: 0 };
    const ahead = s.priority ? w.priority : w.all;
    return {
      serviceId: s.id,
      waiting: waitingOfService.get(s.id) ?? 0,
      estimatedWaitMinutes: estimateWaitMinutes(
        ahead,
        servingCounters(state, config, first),
        medianServiceMinutes(state, config, first),
      ),
    };
  });
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
): TrackUpdate {
  const service = config.services.find((s) => s.id === t.serviceId);
  return {
    number: t.number,
    status: t.status,
    serviceName: service?.name ?? { id: t.serviceId, en: t.serviceId },
    stageName: stageName(config, t.stageId),
    peopleAhead: ahead,
    estimatedWaitMinutes: t.status === 'waiting' ? estimatedWait(state, config, t, ahead) : 0,
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
  const ahead = peopleAhead(state, config, t, opts.now);
  return {
    officeName: config.office.name,
    number: t.number,
    serviceName: service?.name ?? { id: t.serviceId, en: t.serviceId },
    stageName: stageName(config, t.stageId),
    localDate: checked.date,
    localTime: checked.time,
    peopleAhead: ahead,
    estimatedWaitMinutes: t.status === 'waiting' ? estimatedWait(state, config, t, ahead) : 0,
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
