import {
  AppError,
  type ClientEventName,
  type Lang,
  type ParsedPayload,
  type PrinterStatus,
  type Ticket,
} from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';
import { RateLimiter, retryAfterSeconds } from '../auth/rate-limiter.ts';
import * as engine from '../engine/engine.ts';
import { ticketPrintData, toPublicTicket, toStaffTicket } from '../engine/projections.ts';
import type { TicketPrinter } from '../print/ticket-printer.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { SurveyDesk } from '../survey/survey-desk.ts';
import type { DeviceHealthBoard } from './device-health.ts';
import type { startServiceAlarms } from './service-alarms.ts';
import type { StaffAlerts } from './staff-alerts.ts';

/** What a print that succeeded without a status answer tells about its printer. */
const PRINTED_FINE: PrinterStatus = {
  online: true,
  paperNearEnd: false,
  paperOut: false,
  coverOpen: false,
  error: false,
};

/** A command's handler: the validated payload and who sent it. */
export type Handler<E extends ClientEventName> = (payload: ParsedPayload<E>, p: Principal) => unknown;
export type CommandHandlers = { [E in ClientEventName]: Handler<E> };

export interface HandlerDeps {
  service: QueueService;
  printer: TicketPrinter | null;
  health: DeviceHealthBoard;
  alerts: StaffAlerts;
  survey: SurveyDesk;
  alarms: ReturnType<typeof startServiceAlarms>;
  /** Base URL printed in tracking QR codes, e.g. `http://10.0.0.5:8080`. */
  trackingBaseUrl: () => string;
}

/**
 * One handler per client command. Each receives a payload already validated and a principal
 * already authorized (see dispatch.ts); it calls the engine through the service and returns the
 * acknowledgement's data, or throws an `AppError`.
 */
export function commandHandlers(deps: HandlerDeps): CommandHandlers {
  const { service, health, alerts } = deps;
  const limits = service.config.policy.rateLimits;
  const perDevice = {
    nikLookup: new RateLimiter(limits.nikLookupsPerKiosk),
    codeLookup: new RateLimiter(limits.bookingCodeLookupsPerKiosk),
    ticket: new RateLimiter(limits.ticketsPerKiosk),
    staffCall: new RateLimiter(limits.staffCallsPerDevice),
    surveyAnswer: new RateLimiter(limits.surveyAnswersPerDevice),
    surveyRefusal: new RateLimiter(limits.surveyRefusalsPerDevice),
  };
  /** Devices being refused now, per limit: only the first refusal of a burst is audited. */
  const refusing = new Set<string>();
  /** A refusal: the first of a burst is audited (a flood must not become a flood of disk writes). */
  const refuse = (
    kind: keyof typeof perDevice,
    p: Principal,
    who: string,
    detail: Record<string, unknown>,
  ) => {
    const key = `${kind} ${who}`;
    if (!refusing.has(key)) {
      refusing.add(key);
      service.note(p.actor, 'device.rate_limited', { kind, ...detail });
    }
    throw new AppError('rate_limited', {
      seconds: retryAfterSeconds(perDevice[kind].retryAfterMs(who, service.clock.now())),
    });
  };
  /**
   * Anti-enumeration and anti-flooding, per device (`who`: the device, or a phone's ticket). A
   * refusal changes nothing and is answered at once.
   */
  const limit = (
    kind: keyof typeof perDevice,
    p: Principal,
    detail: Record<string, unknown>,
    who: string = p.actor,
  ) => {
    if (perDevice[kind].take(who, service.clock.now())) {
      refusing.delete(`${kind} ${who}`);
      return;
    }
    refuse(kind, p, who, detail);
  };
  /**
   * A survey tablet whose ticket numbers keep being refused (unknown, unfinished, answered, too
   * old) is someone trying numbers: after `surveyRefusalsPerDevice` it is refused for a while.
   */
  const surveyGuarded = <R>(p: Principal, run: () => R): R => {
    const who = p.actor;
    const now = service.clock.now();
    if (perDevice.surveyRefusal.retryAfterMs(who, now) > 0) refuse('surveyRefusal', p, who, {});
    refusing.delete(`surveyRefusal ${who}`);
    try {
      return run();
    } catch (e) {
      if (e instanceof AppError && e.code.startsWith('survey_')) perDevice.surveyRefusal.record(who, now);
      throw e;
    }
  };

  /** What a kiosk shows and prints for issued tickets: people ahead and wait computed once. */
  function issued(tickets: { ticket: Ticket; reprint: boolean }[], lang: Lang) {
    const now = service.clock.now();
    return {
      tickets: tickets.map(({ ticket, reprint }) => {
        const print = ticketPrintData(service.state, service.config, ticket, {
          reprint,
          trackingBaseUrl: deps.trackingBaseUrl(),
          lang,
          now,
        });
        return {
          ticket: toPublicTicket(ticket),
          print,
          peopleAhead: print.peopleAhead,
          estimatedWaitMinutes: print.estimatedWaitMinutes,
        };
      }),
    };
  }

  /** The counter the signed-in officer works at, if any. */
  const counterId = (p: Principal) =>
    p.username ? (engine.counterOf(service.state, p.username)?.counterId ?? null) : null;
  const officer = (p: Principal) => p.username ?? p.actor;
  /** Runs a counter command for the officer's counter; answers in the staff projection. */
  const atCounter = async (
    p: Principal,
    command: (
      s: Parameters<typeof engine.callNext>[0],
      counter: string | null,
      ctx: engine.EngineContext,
    ) => engine.Outcome<engine.CounterOutcome>,
  ) => {
    const r = await service.execute(p.actor, (s, ctx) => command(s, counterId(p), ctx));
    return { counter: r.counter, tickets: r.tickets.map((t) => toStaffTicket(service.state, t)) };
  };

  return {
    'checkin:lookup': (d, p) => {
      // NIK and booking codes (typed or in a QR) are both guessable: each has its own budget.
      limit(d.method === 'nik' ? 'nikLookup' : 'codeLookup', p, { method: d.method });
      return { candidates: service.lookup(d.method, d.value, p.actor) };
    },
    'checkin:confirm': async (d, p) => {
      limit('ticket', p, { event: 'checkin:confirm' });
      return issued(await service.confirm(d.bookingCodes, p.actor), d.lang);
    },
    'ticket:walkin': async (d, p) => {
      limit('ticket', p, { event: 'ticket:walkin' });
      return issued(
        (await service.execute(p.actor, (s, ctx) => engine.walkIn(s, d.serviceId, ctx))).tickets,
        d.lang,
      );
    },
    'ticket:print': async (d, p) => {
      if (!p.printerUri || !deps.printer) throw new AppError('no_printer');
      const state = service.state;
      const data = d.ticketIds.map((id) => {
        const t = state.tickets.get(id);
        if (!t) throw new AppError('not_found');
        return ticketPrintData(state, service.config, t, {
          reprint: d.reprints.includes(id),
          trackingBaseUrl: deps.trackingBaseUrl(),
          lang: d.lang,
          now: service.clock.now(),
        });
      });
      const result = await deps.printer.print(p.printerUri, data, 80);
      // A good print says the printer is ready (its after-print status), not only "no fault".
      health.update(
        p,
        result.ok
          ? { printerFault: null, printer: result.status ?? PRINTED_FINE }
          : { printerFault: result.reason },
      );
      if (!result.ok)
        alerts.raise(p, 'printer', data.map((t) => t.number).join(', '), {
          fault: result.reason,
          technical: result.detail,
        });
      return { result };
    },
    'staff:call': (d, p) => {
      limit('staffCall', p, { reason: d.reason });
      return {
        alert: alerts.raise(
          p,
          d.reason,
          d.detail ?? null,
          d.reason === 'printer' && d.printerFault ? { fault: d.printerFault } : null,
        ),
      };
    },
    'device:report': (d, p) => {
      const printer: PrinterStatus | null = d.printer;
      health.update(p, { printer, connected: true });
      return { received: true as const };
    },
    'counter:open': (d, p) =>
      atCounter(p, (s, _counter, ctx) =>
        engine.openCounter(s, { counterId: d.counterId, stages: d.stages, officer: officer(p) }, ctx),
      ),
    'counter:close': (_d, p) => atCounter(p, engine.closeCounter),
    'counter:pause': (_d, p) => atCounter(p, engine.pauseCounter),
    'counter:resume': (_d, p) => atCounter(p, engine.resumeCounter),
    'ticket:call': (_d, p) => atCounter(p, engine.callNext),
    'ticket:recall': (_d, p) => atCounter(p, engine.recall),
    'ticket:start': (_d, p) => atCounter(p, engine.start),
    'ticket:noShow': (_d, p) => atCounter(p, engine.noShow),
    'ticket:complete': (d, p) =>
      atCounter(p, (s, counter, ctx) => engine.complete(s, counter, ctx, d.endVisit)),
    'ticket:transfer': (d, p) =>
      atCounter(p, (s, counter, ctx) => engine.transfer(s, counter, d.toServiceId, ctx)),
    'ticket:reinstate': async (d, p) => {
      const r = await service.execute(p.actor, (s, ctx) => engine.reinstate(s, d.ticketId, ctx));
      return { ticket: toStaffTicket(service.state, r.ticket) };
    },
    'staff:acknowledge': (d, p) => ({ alert: alerts.acknowledge(d.alertId, p) }),
    'survey:check': (d, p) =>
      surveyGuarded(p, () => ({ ticket: deps.survey.check({ tabletNumber: d.ticketNumber }) })),
    'survey:answer': (d, p) =>
      surveyGuarded(p, () => {
        limit('surveyAnswer', p, { event: 'survey:answer' }, p.actor);
        return { ticket: deps.survey.answer({ tabletNumber: d.ticketNumber }, d.answers) };
      }),
    'alarm:acknowledge': (d, p) => ({ alarm: deps.alarms.acknowledge(d.alarmId, p) }),
  };
}
