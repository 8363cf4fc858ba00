import { join, resolve } from 'node:path';
import { Server } from 'socket.io';
import type { OfficeConfig } from '@giliran/shared';
import { AlarmMonitor, type AlarmMonitorOptions } from './alarms/alarm-monitor.ts';
import { AuthRepo } from './auth/auth-repo.ts';
import { loadInstallationSecret } from './auth/secrets.ts';
import { SignIn } from './auth/sign-in.ts';
import { BookingRepo } from './bookings/booking-repo.ts';
import { applyCommittedImports, SERVER_PACING } from './bookings/import-bookings.ts';
import { ImportStore } from './bookings/import-store.ts';
import type { Clock } from './clock.ts';
import { attachSocketGateway } from './gateway/socket-gateway.ts';
import type { GiliranServer } from './gateway/types.ts';
import { createHttpServer, type StaticDirs, type TlsFiles, type WebServer } from './http/http-server.ts';
import { Router } from './http/router.ts';
import { adminRoutes } from './http/routes/admin-routes.ts';
import { publicRoutes } from './http/routes/public-routes.ts';
import { planningRoutes } from './http/routes/planning-routes.ts';
import { reportRoutes } from './http/routes/report-routes.ts';
import type { RouteDeps } from './http/routes/route-deps.ts';
import { sessionRoutes } from './http/routes/session-routes.ts';
import { originAllowed, setSecurityHeaders } from './http/security.ts';
import { startRetention } from './jobs/retention.ts';
import { startOutbox, type Outbox } from './outbox/outbox.ts';
import type { TicketPrinter } from './print/ticket-printer.ts';
import { PlannerRunner } from './simulation/planner-runner.ts';
import { openDatabase, type Db } from './store/database.ts';
import { QueueService } from './store/queue-service.ts';
import { startQueueWriter } from './store/queue-writer-client.ts';
import { QueueStore } from './store/queue-store.ts';
import { startCheckpointer } from './store/checkpoints.ts';
import { phoneRoutes } from './phones/phone-routes.ts';
import { PhoneStreams, type PhoneStreamLimits } from './phones/phone-streams.ts';
import { DEFAULT_PHONE_TIMING, startPhoneTracking, type PhoneTiming } from './phones/phone-tracking.ts';
import { vacuumOnceForSecureDelete } from './store/scrub.ts';
import { SurveyDesk } from './survey/survey-desk.ts';
import { SurveyStore } from './survey/survey-store.ts';

export interface AppDeps {
  config: OfficeConfig;
  dataDir: string;
  /** Defaults to `<dataDir>/giliran.db`. */
  databasePath?: string;
  clock: Clock;
  printer: TicketPrinter | null;
  /** Base URL of this server as phones on the office Wi-Fi reach it (for ticket QR codes). */
  publicUrl?: string;
  /** Folders of the built browser apps. */
  staticDirs?: StaticDirs;
  /** Serve https and wss with this certificate instead of http and ws. */
  tls?: TlsFiles | null;
  /** Browser origins besides the server's own whose pages may open a socket (e.g. a dev server). */
  allowedOrigins?: ReadonlySet<string>;
  /** How often every socket's credential is checked again; default 2 s. */
  credentialCheckMs?: number;
  /** How often phones hear of their ticket and position (tests shorten it). */
  phoneTiming?: PhoneTiming;
  /** How many phone streams one ticket, and the whole server, may hold. */
  phoneLimits?: PhoneStreamLimits;
  /** How often service-level alarms are checked (tests check more often than the 5 s default). */
  alarms?: AlarmMonitorOptions;
  /**
   * Commit queue batches on the queue writer thread (store/queue-writer.ts), so a slow fsync never
   * holds the event loop; the production entry sets it. Off by default: in-process tests then
   * commit on the connection they can reach (`app.db`), e.g. to make it read-only.
   */
  commitInWorker?: boolean;
}

/**
 * The largest Socket.IO frame a client may send, refused before it is parsed (Engine.IO passes it
 * to `ws` as `maxPayload` and checks it on every polling body). The largest legitimate one, a
 * look-up of 512 characters each escaped in JSON as `\uXXXX`, is about 3.1 KB
 * (tests/integration/server-security.test.ts sends one); every other command is smaller.
 */
export const MAX_SOCKET_FRAME_BYTES = 16 * 1024;

export interface App {
  dataDir: string;
  http: WebServer;
  io: GiliranServer;
  db: Db;
  service: QueueService;
  auth: AuthRepo;
  bookings: BookingRepo;
  /** Central reporting: the outbox shipper's state and pruning. */
  outbox: Outbox;
  /** Service-level alarms of the day. */
  alarms: AlarmMonitor;
  survey: SurveyStore;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '../..');
const DEFAULT_STATIC: StaticDirs = {
  display: join(repoRoot, 'display/dist'),
  kiosk: join(repoRoot, 'kiosk/dist/renderer'),
};

/**
 * Builds the office server from its dependencies; `main.ts` only wires the real ones and tests
 * call the same factory with a temporary data folder and a manual clock.
 */
export function createApp(deps: AppDeps): App {
  const databasePath = deps.databasePath ?? join(deps.dataDir, 'giliran.db');
  const db = openDatabase(databasePath);
  vacuumOnceForSecureDelete(db);
  const checkpointer = startCheckpointer(db, databasePath);
  const secret = loadInstallationSecret(deps.dataDir);
  const bookings = new BookingRepo(db, secret);
  const auth = new AuthRepo(db);
  const store = new QueueStore(db, deps.config.office.code);
  const writer = deps.commitInWorker ? startQueueWriter(store, databasePath, deps.config.office.code) : null;
  const service = new QueueService(store, bookings, deps.config, deps.clock, writer?.write ?? null);

  const survey = new SurveyStore(db, deps.config.office.code);
  const alarms = new AlarmMonitor(service, db, deps.alarms);

  const signIn = new SignIn(auth, deps.config.policy.rateLimits, deps.clock, (actor, action, detail) =>
    service.note(actor, action, detail),
  );
  const tls = deps.tls ?? null;
  const allowedOrigins = deps.allowedOrigins ?? new Set<string>();

  const router = new Router((token) => auth.authenticate(token, deps.clock.now()));
  const http = createHttpServer(router, deps.staticDirs ?? DEFAULT_STATIC, tls);
  const io: GiliranServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_FRAME_BYTES,
    pingInterval: 5_000,
    pingTimeout: 5_000,
    connectionStateRecovery: undefined,
    // Runs for every handshake, polling or WebSocket, before Engine.IO accepts it.
    allowRequest: (req, callback) => callback(null, originAllowed(req, !!tls, allowedOrigins)),
  });
  // Before Socket.IO's own listener, so its responses get the headers too.
  http.prependListener('request', (req, res) => setSecurityHeaders(req, res, !!tls));

  const imports = new ImportStore(db);
  const routeDeps: RouteDeps = {
    config: deps.config,
    clock: deps.clock,
    db,
    service,
    auth,
    signIn,
    bookings,
    survey,
    imports,
    secret,
    io,
  };
  for (const routes of [publicRoutes, sessionRoutes, reportRoutes, adminRoutes]) routes(router, routeDeps);
  const surveyDesk = new SurveyDesk(service, survey, db);
  const phoneStreams = new PhoneStreams(() => deps.clock.now(), deps.phoneLimits);
  const phones = startPhoneTracking(phoneStreams, service, deps.phoneTiming ?? DEFAULT_PHONE_TIMING);
  phoneRoutes(router, { service, survey: surveyDesk, streams: phoneStreams, greet: (s) => phones.send(s) });
  const planner = new PlannerRunner();
  planningRoutes(router, { ...routeDeps, planner });

  let listeningUrl = deps.publicUrl ?? '';
  const gateway = attachSocketGateway({
    io,
    service,
    auth,
    printer: deps.printer,
    survey: surveyDesk,
    alarms,
    trackingBaseUrl: () => listeningUrl,
    ...(deps.credentialCheckMs ? { credentialCheckMs: deps.credentialCheckMs } : {}),
  });
  const retention = startRetention(service, bookings, deps.config, deps.clock, survey);
  // An import a crash interrupted after its commit point is applied whole, in the background.
  applyCommittedImports(imports, SERVER_PACING).catch((e: unknown) =>
    console.error('[import] could not finish an interrupted import:', (e as Error).message),
  );
  const outbox = startOutbox({ db, config: deps.config, dataDir: deps.dataDir, clock: deps.clock });

  return {
    dataDir: deps.dataDir,
    http,
    io,
    db,
    service,
    auth,
    bookings,
    outbox,
    alarms,
    survey,
    listen: (port, host) =>
      new Promise((ok, fail) => {
        http.once('error', fail);
        http.listen(port, host, () => {
          const addr = http.address();
          const actual = typeof addr === 'object' && addr ? addr.port : port;
          if (!listeningUrl)
            listeningUrl = `${tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`;
          ok(actual);
        });
      }),
    close: async () => {
      gateway.close();
      phones.close();
      phoneStreams.closeAll();
      alarms.close();
      planner.close();
      retention.stop();
      await outbox.stop();
      await service.settled(); // every decided command committed (and answered) before closing
      await new Promise<void>((ok) => {
        void io.close(() => ok());
      });
      await writer?.stop();
      await checkpointer.stop();
      db.close();
    },
  };
}
