import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { Server } from 'socket.io';
import {
  AppError,
  createUserBodySchema,
  isRealDate,
  loginBodySchema,
  pairBodySchema,
  pairingCodeBodySchema,
  type OfficeConfig,
} from '@giliran/shared';
import { AuthRepo } from './auth/auth-repo.ts';
import { loadInstallationSecret } from './auth/secrets.ts';
import { BookingRepo } from './bookings/booking-repo.ts';
import { importBookings } from './bookings/import-bookings.ts';
import type { Clock } from './clock.ts';
import { QueueService } from './engine/queue-service.ts';
import { trackUpdate } from './engine/projections.ts';
import { attachSocketGateway, type GiliranServer } from './gateway/socket-gateway.ts';
import { dayCsv, dayReport } from './http/reports.ts';
import {
  answerClientError,
  HttpError,
  readBody,
  readJson,
  requestUrl,
  Router,
  sendJson,
} from './http/router.ts';
import { MAX_IMPORT_BYTES } from './bookings/parse-bookings.ts';
import { startRetention } from './jobs/retention.ts';
import type { TicketPrinter } from './print/ticket-printer.ts';
import { openDatabase, type Db } from './store/database.ts';
import { QueueStore } from './store/queue-store.ts';

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
  staticDirs?: { display: string; kiosk: string };
}

export interface App {
  http: HttpServer;
  io: GiliranServer;
  db: Db;
  service: QueueService;
  auth: AuthRepo;
  bookings: BookingRepo;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '../..');
const DEFAULT_STATIC = {
  display: join(repoRoot, 'display/dist'),
  kiosk: join(repoRoot, 'kiosk/dist/renderer'),
};
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** Builds the office server from its dependencies; `main.ts` only wires the real ones. */
export function createApp(deps: AppDeps): App {
  const db = openDatabase(deps.databasePath ?? join(deps.dataDir, 'giliran.db'));
  const secret = loadInstallationSecret(deps.dataDir);
  const bookings = new BookingRepo(db, secret);
  const auth = new AuthRepo(db);
  const logStmt = db.prepare('INSERT INTO audit_log (at, day, action, actor, detail) VALUES (?, ?, ?, ?, ?)');
  const service = new QueueService(
    new QueueStore(db),
    bookings,
    deps.config,
    deps.clock,
    (actor, action, detail) => {
      try {
        logStmt.run(deps.clock.now(), service.state.day, action, actor, JSON.stringify(detail));
      } catch (e) {
        console.error('[audit] could not record', action, (e as Error).message);
      }
    },
  );
  const router = new Router((token) => auth.authenticate(token, deps.clock.now()));
  const staticDirs = deps.staticDirs ?? DEFAULT_STATIC;
  let listeningUrl = deps.publicUrl ?? '';

  // ─── HTTP API ───────────────────────────────────────────────────────────────────────────────────
  router.add('GET /api/health', () => ({ status: 'ok' }));
  router.add('POST /api/pair', async ({ req }) => {
    const body = await readJson(req, pairBodySchema);
    const { token, principal } = auth.pair(body.code, deps.clock.now());
    return { token, role: principal.role, name: principal.name };
  });
  router.add('POST /api/login', async ({ req }) => {
    const body = await readJson(req, loginBodySchema);
    const { token, principal } = await auth.login(body.username, body.password, deps.clock.now());
    return { token, role: principal.role, name: principal.name };
  });
  router.add('POST /api/logout', ({ token }) => {
    if (token) auth.logout(token);
    return { ok: true };
  });
  router.add('GET /api/me', ({ principal }) => ({ role: principal?.role, name: principal?.name }));
  router.add('GET /api/track/:token', ({ params }) => {
    service.ensureDay();
    const id = service.state.byTrackToken.get(params.token ?? '');
    const t = id ? service.state.tickets.get(id) : undefined;
    if (!t) throw new AppError('not_found');
    return trackUpdate(service.state, deps.config, t, deps.clock.now());
  });
  const reportDate = (url: URL) => {
    const d = url.searchParams.get('date') ?? service.today();
    if (!isRealDate(d))
      throw new AppError('invalid_payload', { detail: 'date must be a real date as YYYY-MM-DD' });
    return d;
  };
  router.add('GET /api/reports/day', ({ url }) => dayReport(db, deps.config, reportDate(url)));
  router.add('GET /api/reports/day.csv', ({ url }) => ({
    raw: dayCsv(db, deps.config, reportDate(url)),
    contentType: 'text/csv; charset=utf-8',
  }));
  router.add('GET /api/devices', () => auth.listDevices());
  router.add('POST /api/admin/bookings/import', async ({ req }) => {
    const bytes = await readBody(req, MAX_IMPORT_BYTES);
    const result = importBookings(bookings, bytes, deps.clock.now());
    if (!result.ok)
      throw new HttpError('import_invalid', { count: result.errors.length }, { lines: result.errors });
    return result.counts;
  });
  router.add('POST /api/admin/pairing-codes', async ({ req }) => {
    const body = await readJson(req, pairingCodeBodySchema);
    return auth.createPairingCode(body, deps.clock.now());
  });
  router.add('DELETE /api/admin/devices/:id', ({ params }) => {
    if (!auth.revokeDevice(params.id ?? '', deps.clock.now())) throw new AppError('not_found');
    io.in(`device:${params.id}`).disconnectSockets(true);
    return { revoked: true };
  });
  router.add('POST /api/admin/users', async ({ req }) => {
    const body = await readJson(req, createUserBodySchema);
    await auth.createUser(body, deps.clock.now());
    return { username: body.username, role: body.role };
  });

  // ─── Static apps ────────────────────────────────────────────────────────────────────────────────
  function serveFile(res: ServerResponse, root: string, rel: string): boolean {
    const path = normalize(join(root, rel));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) return false;
    const immutable = rel.includes('/assets/');
    res.writeHead(200, {
      'content-type': MIME[extname(path)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(path).pipe(res);
    return true;
  }

  function serveApp(res: ServerResponse, root: string, pathname: string): void {
    if (serveFile(res, root, pathname)) return;
    if (serveFile(res, root, '/index.html')) return;
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(
      'Tampilan belum dibangun. Jalankan: npm run build:web\nThe screens are not built yet. Run: npm run build:web\n',
    );
  }

  const http = createServer((req, res) => {
    const url = requestUrl(req);
    if (!url) {
      sendJson(res, 400, {
        error: new AppError('invalid_payload', { detail: 'bad request target' }).toBody(),
      });
      return;
    }
    void (async () => {
      if (url.pathname.startsWith('/api/')) {
        if (!(await router.handle(req, res, url)))
          sendJson(res, 404, { error: new AppError('not_found').toBody() });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/board' }).end();
        return;
      }
      if (url.pathname === '/kiosk') {
        res.writeHead(301, { location: `/kiosk/${url.search}` }).end();
        return;
      }
      if (url.pathname.startsWith('/kiosk/'))
        serveApp(res, staticDirs.kiosk, url.pathname.slice('/kiosk'.length));
      else serveApp(res, staticDirs.display, url.pathname);
    })().catch((e: unknown) => {
      console.error('[http]', e);
      if (!res.headersSent) sendJson(res, 500, { error: new AppError('internal').toBody() });
    });
  });

  http.on('clientError', answerClientError);

  const io: GiliranServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 1e6,
    pingInterval: 5_000,
    pingTimeout: 5_000,
    connectionStateRecovery: undefined,
  });
  const gateway = attachSocketGateway({
    io,
    service,
    auth,
    printer: deps.printer,
    get trackingBaseUrl() {
      return listeningUrl;
    },
  });
  const retention = startRetention(service, bookings, deps.config, deps.clock);

  return {
    http,
    io,
    db,
    service,
    auth,
    bookings,
    listen: (port, host) =>
      new Promise((ok, fail) => {
        http.once('error', fail);
        http.listen(port, host, () => {
          const addr = http.address();
          const actual = typeof addr === 'object' && addr ? addr.port : port;
          if (!listeningUrl) listeningUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`;
          ok(actual);
        });
      }),
    close: async () => {
      gateway.close();
      retention.stop();
      await new Promise<void>((ok) => {
        void io.close(() => ok());
      });
      db.close();
    },
  };
}
