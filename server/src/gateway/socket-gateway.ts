import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import {
  AppError,
  EVENT_ROLES,
  payloadSchemas,
  type AckResponse,
  type ClientEventName,
  type ClientToServerEvents,
  type DeviceHealth,
  type Lang,
  type ParsedPayload,
  type PrinterStatus,
  type PublicTicket,
  type QueueSnapshot,
  type ServiceLoad,
  type ServerToClientEvents,
  type StaffAlert,
  type StaffTicket,
  type Ticket,
} from '@giliran/shared';
import type { AuthRepo, Principal } from '../auth/auth-repo.ts';
import { RateLimiter } from '../auth/rate-limiter.ts';
import * as engine from '../engine/engine.ts';
import {
  positionsByTicket,
  serviceLoads,
  ticketPrintData,
  toPublicTicket,
  toStaffTicket,
  trackUpdate,
  visibleTickets,
} from '../engine/projections.ts';
import { queueOutlook, type QueueOutlook } from '../engine/wait-outlook.ts';
import type { QueueService } from '../engine/queue-service.ts';
import type { QueueState } from '../engine/state.ts';
import type { TicketPrinter } from '../print/ticket-printer.ts';

export interface SocketData {
  principal: Principal;
  /** For phone tracking connections: the ticket followed. */
  trackTicketId: string | null;
  lastTrack: string | null;
}

export type GiliranServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type GiliranSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Boards and staff follow every change; kiosks need only their snapshot; phones their own ticket. */
const BOARDS = 'boards';
const STAFF = 'staff';
const SUPERVISORS = 'supervisors';
const PHONES = 'phones';

export interface GatewayDeps {
  io: GiliranServer;
  service: QueueService;
  auth: AuthRepo;
  printer: TicketPrinter | null;
  /** Base URL printed in tracking QR codes, e.g. `http://10.0.0.5:8080`. */
  trackingBaseUrl: string;
  /** Phone updates are coalesced to at most one per this interval. */
  phoneIntervalMs?: number;
}

/**
 * The Socket.IO layer: authenticates, authorizes by the matrix in shared/, validates, calls the
 * engine and fans the committed result out — boards and staff at once, phones coalesced.
 */
export function attachSocketGateway(deps: GatewayDeps): { close(): void; alerts: StaffAlert[] } {
  const { io, service, auth } = deps;
  const limiter = new RateLimiter(service.config.policy.nikLookupsPerMinute, 60_000);
  const alerts: StaffAlert[] = [];
  const health = new Map<string, DeviceHealth>();
  let lastLoads = '';
  let phonesDirty = false;

  io.use((socket, next) => {
    const a = socket.handshake.auth as Record<string, unknown>;
    const now = service.clock.now();
    if (typeof a.trackToken === 'string' && a.trackToken.length <= 64) {
      const id = service.state.byTrackToken.get(a.trackToken);
      socket.data.principal = {
        role: 'phone',
        name: 'phone',
        actor: 'phone',
        deviceId: null,
        username: null,
        printerUri: null,
      };
      socket.data.trackTicketId = id ?? null;
      socket.data.lastTrack = null;
      return next();
    }
    const principal = typeof a.token === 'string' ? auth.authenticate(a.token, now) : null;
    if (!principal)
      return next(
        Object.assign(new Error('unauthenticated'), { data: new AppError('unauthenticated').toBody() }),
      );
    socket.data.principal = principal;
    socket.data.trackTicketId = null;
    socket.data.lastTrack = null;
    next();
  });

  io.on('connection', (socket: GiliranSocket) => {
    const p = socket.data.principal;
    if (p.role === 'phone') {
      void socket.join(PHONES);
      sendTrack(socket, true);
    } else {
      // Kiosks join no broadcast room: they need only their snapshot.
      if (p.role === 'board') void socket.join(BOARDS);
      else if (p.role !== 'kiosk') void socket.join(STAFF);
      if (p.role === 'supervisor' || p.role === 'admin') void socket.join(SUPERVISORS);
      if (p.deviceId) {
        void socket.join(`device:${p.deviceId}`);
        auth.touchDevice(p.deviceId, service.clock.now());
        setHealth(p, { connected: true });
      }
      socket.emit('queue:snapshot', snapshot(p));
      if (p.role === 'supervisor' || p.role === 'admin') {
        for (const a of alerts.filter((x) => !x.acknowledgedBy)) socket.emit('staff:alert', a);
        socket.emit('device:health', [...health.values()]);
      }
    }
    socket.on('disconnect', () => {
      if (p.deviceId) setHealth(p, { connected: false });
    });
    registerHandlers(socket);
    // Unknown events are answered too (an ack-less emit is simply dropped).
    socket.onAny((event: string, ...args: unknown[]) => {
      if (Object.hasOwn(payloadSchemas, event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function')
        (ack as (r: AckResponse<never>) => void)(
          fail(new AppError('invalid_payload', { detail: `unknown event ${String(event).slice(0, 40)}` })),
        );
    });
  });

  // ─── Fan-out after every commit ─────────────────────────────────────────────────────────────────
  // One `queue:changes` frame per screen per committed batch; kiosks need none (they print the wait
  // computed at issue time and get the configuration in their snapshot).
  service.onCommitted((changes, state) => {
    const loads =
      changes.tickets.length || changes.counters.length || changes.durations.length
        ? changedLoads(state)
        : null;
    if (!changes.tickets.length && !changes.counters.length && !changes.calls.length && !loads) return;
    if (changes.tickets.length) phonesDirty = true;
    const common = { counters: changes.counters, calls: changes.calls, loads };
    io.to(BOARDS).emit('queue:changes', { ...common, tickets: changes.tickets.map(toPublicTicket) });
    io.to(STAFF).emit('queue:changes', {
      ...common,
      tickets: changes.tickets.map((t) => toStaffTicket(state, t)),
    });
  });
  service.onDayChanged(() => {
    for (const [, sock] of io.of('/').sockets) {
      if (sock.data.principal.role === 'phone') sendTrack(sock, false);
      else sock.emit('queue:snapshot', snapshot(sock.data.principal));
    }
  });

  /** The service loads if they differ from the last ones sent, else null. */
  function changedLoads(state: QueueState): ServiceLoad[] | null {
    const loads = serviceLoads(state, service.config, service.clock.now());
    const json = JSON.stringify(loads);
    if (json === lastLoads) return null;
    lastLoads = json;
    return loads;
  }

  const phoneTimer = setInterval(() => {
    if (service.ensureDay() || !phonesDirty) return;
    phonesDirty = false;
    const positions = positionsByTicket(service.state);
    const outlook = queueOutlook(service.state, service.config, service.clock.now());
    for (const id of io.of('/').adapter.rooms.get(PHONES) ?? []) {
      const s = io.of('/').sockets.get(id);
      if (s) sendTrack(s, false, positions, outlook);
    }
  }, deps.phoneIntervalMs ?? 1000);
  phoneTimer.unref();

  function sendTrack(
    socket: GiliranSocket,
    force: boolean,
    positions?: Map<string, number>,
    outlook?: QueueOutlook,
  ): void {
    const id = socket.data.trackTicketId;
    const t = id ? service.state.tickets.get(id) : undefined;
    const ahead = t && positions ? (positions.get(t.id) ?? 0) : undefined;
    const update = t
      ? trackUpdate(service.state, service.config, t, service.clock.now(), ahead, outlook)
      : null;
    const key = JSON.stringify(update && { ...update, at: 0 });
    if (!force && key === socket.data.lastTrack) return;
    socket.data.lastTrack = key;
    socket.emit('track:update', update);
  }

  function snapshot(p: Principal): QueueSnapshot<PublicTicket | StaffTicket> {
    const state = service.state;
    const now = service.clock.now();
    const staff = p.role === 'counter' || p.role === 'supervisor' || p.role === 'admin';
    const tickets = visibleTickets(state, now);
    return {
      day: state.day,
      serverTime: now,
      config: service.config,
      tickets: staff ? tickets.map((t) => toStaffTicket(state, t)) : tickets.map(toPublicTicket),
      counters: [...state.counters.values()],
      loads: serviceLoads(state, service.config, now),
      recentCalls: state.recentCalls,
      viewer: {
        role: p.role,
        name: p.name,
        counterId: p.username ? (engine.counterOf(state, p.username)?.counterId ?? null) : null,
      },
    };
  }

  function setHealth(p: Principal, patch: Partial<DeviceHealth>): void {
    if (!p.deviceId) return;
    const prev = health.get(p.deviceId) ?? {
      deviceId: p.deviceId,
      name: p.name,
      role: p.role,
      connected: false,
      lastSeen: null,
      printer: null,
      printerFault: null,
    };
    health.set(p.deviceId, { ...prev, ...patch, lastSeen: service.clock.now() });
    io.to(SUPERVISORS).emit('device:health', [...health.values()]);
  }

  function raiseAlert(p: Principal, reason: StaffAlert['reason'], detail: string | null): StaffAlert {
    const alert: StaffAlert = {
      id: randomUUID(),
      deviceName: p.name,
      reason,
      detail,
      at: service.clock.now(),
      acknowledgedBy: null,
    };
    alerts.push(alert);
    if (alerts.length > 200) alerts.shift();
    service.note(p.actor, 'staff.called', { reason, detail });
    io.to(SUPERVISORS).emit('staff:alert', alert);
    return alert;
  }

  // ─── Command handlers ───────────────────────────────────────────────────────────────────────────
  type Handler<E extends ClientEventName> = (payload: ParsedPayload<E>, p: Principal) => unknown;

  function issued(tickets: { ticket: Ticket; reprint: boolean }[], lang: Lang) {
    const state = service.state;
    return {
      tickets: tickets.map(({ ticket, reprint }) => {
        const print = ticketPrintData(state, service.config, ticket, {
          reprint,
          trackingBaseUrl: deps.trackingBaseUrl,
          lang,
          now: service.clock.now(),
        });
        // The kiosk's done screen shows exactly what the ticket prints.
        const { peopleAhead, estimatedWaitMinutes } = print;
        return { ticket: toPublicTicket(ticket), print, peopleAhead, estimatedWaitMinutes };
      }),
    };
  }

  const counterId = (p: Principal) =>
    p.username ? (engine.counterOf(service.state, p.username)?.counterId ?? null) : null;
  const staffResult = async (pending: Promise<engine.CounterOutcome>) => {
    const r = await pending;
    return { counter: r.counter, tickets: r.tickets.map((t) => toStaffTicket(service.state, t)) };
  };
  const officer = (p: Principal) => p.username ?? p.actor;

  const handlers: { [E in ClientEventName]: Handler<E> } = {
    'checkin:lookup': (d, p) => {
      if (d.method === 'nik' && !limiter.take(p.actor, service.clock.now())) {
        service.note(p.actor, 'checkin.rate_limited', { method: d.method });
        throw new AppError('rate_limited');
      }
      return { candidates: service.lookup(d.method, d.value, p.actor) };
    },
    'checkin:confirm': async (d, p) => issued(await service.confirm(d.bookingCodes, p.actor), d.lang),
    'ticket:walkin': async (d, p) =>
      issued(
        (await service.execute(p.actor, (s, ctx) => engine.walkIn(s, d.serviceId, ctx))).tickets,
        d.lang,
      ),
    'ticket:print': async (d, p) => {
      if (!p.printerUri || !deps.printer) throw new AppError('no_printer');
      const state = service.state;
      const data = d.ticketIds.map((id) => {
        const t = state.tickets.get(id);
        if (!t) throw new AppError('not_found');
        return ticketPrintData(state, service.config, t, {
          reprint: false,
          trackingBaseUrl: deps.trackingBaseUrl,
          lang: d.lang,
          now: service.clock.now(),
        });
      });
      const result = await deps.printer.print(p.printerUri, data, 80);
      setHealth(p, { printerFault: result.ok ? null : result.reason });
      if (!result.ok) raiseAlert(p, 'printer', result.detail);
      return { result };
    },
    'staff:call': (d, p) => ({ alert: raiseAlert(p, d.reason, d.detail ?? null) }),
    'device:report': (d, p) => {
      const printer: PrinterStatus | null = d.printer;
      setHealth(p, { printer, connected: true });
      return { received: true as const };
    },
    'counter:open': (d, p) =>
      staffResult(
        service.execute(p.actor, (s, ctx) =>
          engine.openCounter(s, { counterId: d.counterId, stages: d.stages, officer: officer(p) }, ctx),
        ),
      ),
    'counter:close': (_d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.closeCounter(s, counterId(p), ctx))),
    'counter:pause': (_d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.pauseCounter(s, counterId(p), ctx))),
    'counter:resume': (_d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.resumeCounter(s, counterId(p), ctx))),
    'ticket:call': (_d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.callNext(s, counterId(p), ctx))),
    'ticket:recall': (_d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.recall(s, counterId(p), ctx))),
    'ticket:start': (_d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.start(s, counterId(p), ctx))),
    'ticket:noShow': (_d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.noShow(s, counterId(p), ctx))),
    'ticket:complete': (_d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.complete(s, counterId(p), ctx))),
    'ticket:transfer': (d, p) =>
      staffResult(service.execute(p.actor, (s, ctx) => engine.transfer(s, counterId(p), d.toServiceId, ctx))),
    'ticket:reinstate': async (d, p) => {
      const r = await service.execute(p.actor, (s, ctx) => engine.reinstate(s, d.ticketId, ctx));
      return { ticket: toStaffTicket(service.state, r.ticket) };
    },
    'staff:acknowledge': (d, p) => {
      const a = alerts.find((x) => x.id === d.alertId);
      if (!a) throw new AppError('not_found');
      a.acknowledgedBy = p.name;
      io.to(SUPERVISORS).emit('staff:alert', a);
      return { alert: a };
    },
  };

  function registerHandlers(socket: GiliranSocket): void {
    for (const event of Object.keys(handlers) as ClientEventName[]) {
      (socket as unknown as Socket).on(event, (...args: unknown[]) => {
        const last = args[args.length - 1];
        const hasAck = typeof last === 'function';
        const ack = hasAck ? (last as (r: AckResponse<unknown>) => void) : () => {};
        // Exactly one payload (and the ack): extra arguments are refused, not silently ignored.
        const payloads = hasAck ? args.length - 1 : args.length;
        if (payloads !== 1) {
          ack(fail(new AppError('invalid_payload', { detail: 'send exactly one payload object' })));
          return;
        }
        void dispatch(event, socket.data.principal, args[0]).then(ack);
      });
    }
  }

  async function dispatch(event: ClientEventName, p: Principal, raw: unknown): Promise<AckResponse<unknown>> {
    if (!EVENT_ROLES[event].includes(p.role)) return fail(new AppError('forbidden'));
    const parsed = payloadSchemas[event].safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return fail(
        new AppError('invalid_payload', {
          detail: first ? `${first.path.join('.') || 'payload'}: ${first.message}` : 'bad payload',
        }),
      );
    }
    try {
      const handler = handlers[event] as Handler<ClientEventName>;
      return { ok: true, data: await handler(parsed.data, p) };
    } catch (e) {
      if (e instanceof AppError) return fail(e);
      console.error(`[gateway] ${event} failed:`, e);
      return fail(new AppError('internal'));
    }
  }

  return {
    alerts,
    close: () => clearInterval(phoneTimer),
  };
}

function fail(e: AppError): AckResponse<never> {
  return { ok: false, error: e.toBody() };
}
