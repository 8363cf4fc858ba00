import {
  checklistFor,
  localParts,
  maskName,
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

/** The head of a counter's call order and how many wait at its stages. */
export interface CallOrderHead {
  first: readonly Ticket[];
  total: number;
}

/**
 * The first `COUNTER_QUEUE_LENGTH` tickets a counter serving `stages` would call, and how many wait
 * there. From the kept lanes: the cost is the few listed, not the day.
 */
export function stagesCallOrder(
  state: QueueState,
  config: OfficeConfig,
  stages: readonly string[],
  now: number,
): CallOrderHead {
  const first: Ticket[] = [];
  for (const t of state.waiting.callOrderOf(stages, pickContext(state, config, now))) {
    first.push(t);
    if (first.length >= COUNTER_QUEUE_LENGTH) break;
  }
  let total = 0;
  for (const s of new Set(stages)) total += state.waiting.waitingAt(s);
  return { first, total };
}

/**
 * A counter's queue in its call order, with the holders it may see (held + the next few) and the
 * listed tickets the console does not have yet (`known`: ids it surely has; all when omitted).
 */
export function counterQueue(
  state: QueueState,
  config: OfficeConfig,
  counter: CounterState,
  now: number,
  /** The call order of the counter's stages, when already computed for another counter. */
  order: CallOrderHead = stagesCallOrder(state, config, counter.stages, now),
  known: readonly string[] = [],
): CounterQueue {
  const holders: Record<string, TicketHolder> = {};
  for (const id of [...counter.ticketIds, ...order.first.slice(0, NAMED_AHEAD).map((t) => t.id)]) {
    const h = state.holders.get(id);
    if (h) holders[id] = h;
  }
  return {
    counterId: counter.counterId,
    ticketIds: order.first.map((t) => t.id),
    tickets: order.first.filter((t) => !known.includes(t.id)).map((t) => toStaffTicket(state, t, false)),
    total: order.total,
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
  return state.waiting.positionOf(ticket, pickContext(state, config, now)) ?? 0;
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
  const ctx = pickContext(state, config, now);
  let outlook: QueueOutlook | null = null;
  const longest = new Map<string, number>();
  for (const stageId of state.waiting.waitingStages()) {
    // The last of each service in the stage's call order: its last ticket of either lane, whichever
    // is called later (within a lane the call order keeps lane order when no family waits there).
    const lanes = state.waiting.lanes(stageId);
    const last = new Map<string, { t: Ticket; ahead: number }>();
    const consider = (t: Ticket) => {
      const ahead = state.waiting.positionOf(t, ctx) ?? 0;
      const seen = last.get(t.serviceId);
      if (!seen || seen.ahead < ahead) last.set(t.serviceId, { t, ahead });
    };
    if (state.waiting.familiesWaitAt(stageId)) {
      // Families are called with their first member: walk the order once instead.
      let i = 0;
      for (const t of state.waiting.callOrderAt(stageId, ctx)) last.set(t.serviceId, { t, ahead: i++ });
    } else
      for (const [lane, services] of [
        [lanes.priority, state.waiting.servicesIn(stageId, true)],
        [lanes.regular, state.waiting.servicesIn(stageId, false)],
      ] as const) {
        // From the back until every service of the lane was met: usually a few tickets.
        const found = new Set<string>();
        for (let k = lane.length - 1; k >= 0 && found.size < services; k--) {
          const t = lane[k] as Ticket;
          if (found.has(t.serviceId)) continue;
          found.add(t.serviceId);
          consider(t);
        }
      }
    outlook ??= queueOutlook(state, config, now);
    for (const { t, ahead } of last.values()) {
      const w = ticketWait(state, config, t, now, ahead, outlook).estimatedWaitMinutes;
      longest.set(t.serviceId, Math.max(longest.get(t.serviceId) ?? 0, w));
    }
  }
  return config.services.map((s) => ({
    serviceId: s.id,
    waiting: state.waiting.waitingOf(s.id),
    estimatedWaitMinutes: longest.get(s.id) ?? 0,
  }));
}

/**
 * People ahead of every waiting ticket, one call order per stage. The phone tick needs hundreds of
 * positions at once; one `peopleAhead` each would be O(phones × tickets).
 */
export function positionsByTicket(state: QueueState, config: OfficeConfig, now: number): Map<string, number> {
  const ctx = pickContext(state, config, now);
  const positions = new Map<string, number>();
  for (const stage of state.waiting.waitingStages()) {
    let i = 0;
    for (const t of state.waiting.callOrderAt(stage, ctx)) positions.set(t.id, i++);
  }
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
