import type { AlarmMonitor } from '../alarms/alarm-monitor.ts';
import type { AuthRepo } from '../auth/auth-repo.ts';
import type { TicketPrinter } from '../print/ticket-printer.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { SurveyDesk } from '../survey/survey-desk.ts';
import { commandHandlers } from './command-handlers.ts';
import { startCounterQueues } from './counter-queues.ts';
import { DeviceHealthBoard } from './device-health.ts';
import { registerCommands } from './dispatch.ts';
import { fanOutCommits } from './fan-out.ts';
import { authenticateHandshake } from './handshake.ts';
import { watchCredentials } from './live-credentials.ts';
import { startServiceAlarms } from './service-alarms.ts';
import { snapshotFor } from './snapshot.ts';
import { StaffAlerts } from './staff-alerts.ts';
import { isSupervisor, roomsFor, type GiliranServer, type GiliranSocket } from './types.ts';

export type { GiliranServer, SocketData } from './types.ts';

export interface GatewayDeps {
  io: GiliranServer;
  service: QueueService;
  auth: AuthRepo;
  printer: TicketPrinter | null;
  survey: SurveyDesk;
  alarms: AlarmMonitor;
  /** Base URL printed in tracking QR codes, e.g. `http://10.0.0.5:8080`. */
  trackingBaseUrl: () => string;
  /** Every socket's credential is checked again this often (changes made by another process). */
  credentialCheckMs?: number;
}

/**
 * The Socket.IO layer (DESIGN §2): authenticates the handshake, puts each connection in its
 * audience's rooms with a snapshot, dispatches commands to the engine, and fans committed changes
 * out to boards and staff at once. Phones follow their ticket over HTTP (phones/).
 */
export function attachSocketGateway(deps: GatewayDeps): { close(): void } {
  const { io, service, auth } = deps;
  const health = new DeviceHealthBoard(io, service.clock);
  const alerts = new StaffAlerts(io, service);
  const alarms = startServiceAlarms(io, service, deps.alarms);
  const handlers = commandHandlers({
    service,
    printer: deps.printer,
    health,
    alerts,
    survey: deps.survey,
    alarms,
    trackingBaseUrl: deps.trackingBaseUrl,
  });
  const credentials = watchCredentials(io, service, auth, deps.credentialCheckMs ?? 2000);
  fanOutCommits(io, service);
  const counterQueues = startCounterQueues(io, service);

  io.use(authenticateHandshake(service, auth));
  io.on('connection', (socket: GiliranSocket) => {
    const p = socket.data.principal;
    // The handshake is built: the HTTP request it came from is never read again, and keeping it
    // costs ~1.5 KB a connection (Socket.IO's memory guide).
    (socket.conn as unknown as { request: unknown }).request = null;
    for (const room of roomsFor(p)) void socket.join(room);
    socket.emit('queue:snapshot', snapshotFor(service, p));
    if (p.username) counterQueues.send(socket);
    if (p.deviceId) {
      auth.touchDevice(p.deviceId, service.clock.now());
      health.update(p, { connected: true });
      socket.on('disconnect', () => health.update(p, { connected: false }));
    }
    if (isSupervisor(p)) {
      for (const a of alerts.open()) socket.emit('staff:alert', a);
      socket.emit('device:health', health.list());
    }
    alarms.sendOnConnect(socket);
    registerCommands(socket, handlers, credentials);
  });

  return {
    close: () => credentials.close(),
  };
}
