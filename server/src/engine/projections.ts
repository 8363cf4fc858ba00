import {
  checklistFor,
  compareForPosition,
  localParts,
  maskName,
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
import type { QueueState } from './state.ts';
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

export function toStaffTicket(state: QueueState, t: Ticket): StaffTicket {
  return {
    ...toPublicTicket(t),
    servingSince: t.servingSince,
    bookingCode: t.bookingCode,
    applicationType: t.applicationType,
    checkedInAt: t.checkedInAt,
    windowStart: t.windowStart,
    windowEnd: t.windowEnd,
    note: t.note,
    holder: state.holders.get(t.id) ?? null,
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

export function peopleAhead(state: QueueState, ticket: Ticket): number {
  if (ticket.status !== 'waiting') return 0;
  let ahead = 0;
  for (const t of state.tickets.values()) {
    if (
      t.status === 'waiting' &&
      t.stageId === ticket.stageId &&
      t.id !== ticket.id &&
      compareForPosition(t, ticket) < 0
    )
      ahead++;
  }
  return ahead;
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
  ahead: number = peopleAhead(state, t),
  outlook: QueueOutlook = queueOutlook(state, config, now),
): { peopleAhead: number; estimatedWaitMinutes: number } {
  return { peopleAhead: ahead, estimatedWaitMinutes: waitMinutes(outlook, t, ahead) };
}

/**
 * Per service: tickets waiting, and the estimated wait of the last of them in call order (what its
 * holder's phone shows); no one waiting → no wait.
 */
export function serviceLoads(state: QueueState, config: OfficeConfig, now: number): ServiceLoad[] {
  const waitingOfService = new Map<string, number>();
  const lastAt = new Map<string, Ticket>(); // per service and stage: the last in call order
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting') continue;
    waitingOfService.set(t.serviceId, (waitingOfService.get(t.serviceId) ?? 0) + 1);
    const key = `${t.serviceId}|${t.stageId}`;
    const last = lastAt.get(key);
    if (!last || compareForPosition(last, t) < 0) lastAt.set(key, t);
  }
  const outlook = lastAt.size ? queueOutlook(state, config, now) : null;
  const longest = new Map<string, number>();
  for (const t of lastAt.values()) {
    const w = ticketWait(
      state,
      config,
      t,
      now,
      peopleAhead(state, t),
      outlook ?? undefined,
    ).estimatedWaitMinutes;
    longest.set(t.serviceId, Math.max(longest.get(t.serviceId) ?? 0, w));
  }
  return config.services.map((s) => ({
    serviceId: s.id,
    waiting: waitingOfService.get(s.id) ?? 0,
    estimatedWaitMinutes: longest.get(s.id) ?? 0,
  }));
}

/**
 * People ahead of every waiting ticket, in one pass per stage (sort, then index). The phone tick
 * needs hundreds of positions at once; one `peopleAhead` each would be O(phones × tickets).
 */
export function positionsByTicket(state: QueueState): Map<string, number> {
  const byStage = new Map<string, Ticket[]>();
  for (const t of state.tickets.values()) {
    if (t.status !== 'waiting') continue;
    const list = byStage.get(t.stageId) ?? [];
    list.push(t);
    byStage.set(t.stageId, list);
  }
  const positions = new Map<string, number>();
  for (const list of byStage.values())
    list.sort(compareForPosition).forEach((t, i) => positions.set(t.id, i));
  return positions;
}

export function trackUpdate(
  state: QueueState,
  config: OfficeConfig,
  t: Ticket,
  now: number,
  ahead: number = peopleAhead(state, t),
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
