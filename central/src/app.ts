import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { z } from 'zod';
import {
  AppError,
  errorMessage,
  ingestBatchSchema,
  MAX_INGEST_EVENTS,
  isRealDate,
  loginBodySchema,
  officeDay,
  type Lang,
} from '@giliran/shared';
import { answerClientError, readBody, readJson, requestUrl, sendJson } from '@giliran/server/http';
import { RateLimiter } from '@giliran/server/rate-limiter';
import {
  authenticateOffice,
  authenticateViewer,
  signIn,
  signOut,
  viewerRegion,
  type Viewer,
} from './auth.ts';
import { daysCsv, officesCsv } from './csv.ts';
import { isUnavailable, type Pool } from './db.ts';
import { ingestBatch, type OfficeIdentity } from './ingest.ts';
import { errorPage, loginPage, officePage, overviewPage, type ReportQuery } from './pages.ts';
import { hourProfile, officeDays, officeInScope, overview } from './reports.ts';
import { addDays } from './stats.ts';
import { t } from './i18n.ts';

/**
 * Who may call what: `office` routes need an office token (Authorization: Bearer), `viewer` routes
 * a signed-in viewer (session cookie, or Bearer for scripts), `public` routes nobody. The check
 * runs before any handler; a route cannot exist without a line here.
 */
export const CENTRAL_ROUTES = {
  'GET /api/health': 'public',
  'POST /api/ingest': 'office',
  'POST /api/login': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'viewer',
  'GET /': 'viewer',
  'GET /office/:code': 'viewer',
  'GET /api/overview': 'viewer',
  'GET /api/offices/:code/days': 'viewer',
  'GET /export/offices.csv': 'viewer',
  'GET /export/days.csv': 'viewer',
} as const satisfies Record<string, 'public' | 'office' | 'viewer'>;
export type CentralRoute = keyof typeof CENTRAL_ROUTES;

export const SESSION_COOKIE = 'giliran_central';
/** Largest ingest body: the most events a batch may hold, each with the largest payload allowed. */
export const MAX_INGEST_BYTES = MAX_INGEST_EVENTS * 4608;

export interface CentralDeps {
  pool: Pool;
  /** Zone of "today" for the default date range (offices' own days are in their own zones). */
  timeZone: string;
  /** Mark the session cookie `Secure` (behind HTTPS). */
  secureCookies?: boolean;
  /** Serve HTTPS directly with this certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer };
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  lang: Lang;
  viewer: Viewer | null;
  office: OfficeIdentity | null;
  bearer: string | null;
}

const STATUS: Partial<Record<AppError['code'], number>> = {
  invalid_payload: 400,
  unauthenticated: 401,
  login_failed: 401,
  office_token_invalid: 401,
  forbidden: 403,
  office_mismatch: 403,
  not_found: 404,
  rate_limited: 429,
  storage_unavailable: 503,
};

const reportQuerySchema = z.object({
  from: z.string().refine(isRealDate).optional(),
  to: z.string().refine(isRealDate).optional(),
  region: z.string().trim().min(1).max(64).optional(),
  office: z
    .string()
    .regex(/^[A-Z]{2,6}$/)
    .optional(),
  lang: z.enum(['id', 'en']).optional(),
});

/** The central reporting service: ingest from offices, dashboard and CSV for viewers. */
export function createCentralApp(deps: CentralDeps): {
  http: Server;
  listen(port: number, host: string): Promise<number>;
} {
  const { pool } = deps;
  // Wrong passwords per address: after 10 in 5 minutes, sign-in from there waits (anti-guessing).
  const loginFailures = new RateLimiter({ max: 10, perSeconds: 300 });
  const routes = Object.keys(CENTRAL_ROUTES).map((key) => {
    const [method, path] = key.split(' ') as [string, string];
    const names: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/[.]/g, '\\.').replace(/:(\w+)/g, (_, k: string) => {
        names.push(k);
        return '([^/]+)';
      })}$`,
    );
    return { key: key as CentralRoute, method, pattern, names };
  });

  const handlers: Record<CentralRoute, (ctx: Ctx) => Promise<void>> = {
    'GET /api/health': async ({ res }) => {
      const db = await pool
        .query('SELECT 1')
        .then(() => 'ok')
        .catch(() => 'unavailable');
      sendJson(res, db === 'ok' ? 200 : 503, { status: db === 'ok' ? 'ok' : 'degraded', database: db });
    },

    'POST /api/ingest': async ({ req, res, office }) => {
      const batch = await readJson(req, ingestBatchSchema, MAX_INGEST_BYTES);
      const me = office as OfficeIdentity;
      if (batch.officeCode !== me.code)
        throw new AppError('office_mismatch', { expected: me.code, got: batch.officeCode });
      sendJson(res, 200, await ingestBatch(pool, me, batch));
    },

    'POST /api/login': async ({ req, res }) => {
      const body = await readJson(req, loginBodySchema);
      const { token, viewer } = await signInLimited(req, body.username, body.password);
      setSession(res, token);
      sendJson(res, 200, { token, role: viewer.role, name: viewer.displayName, region: viewer.region });
    },

    'GET /login': ({ res, lang }) => {
      sendHtml(res, 200, loginPage(lang, null));
      return Promise.resolve();
    },

    'POST /login': async ({ req, res, lang }) => {
      try {
        const form = Object.fromEntries(new URLSearchParams((await readBody(req, 4096)).toString('utf8')));
        const parsed = loginBodySchema.safeParse(form);
        if (!parsed.success) throw new AppError('login_failed');
        const { token } = await signInLimited(req, parsed.data.username, parsed.data.password);
        setSession(res, token);
        res.writeHead(303, { location: `/?lang=${lang}` }).end();
      } catch (e) {
        if (!(e instanceof AppError) || !['login_failed', 'rate_limited'].includes(e.code)) throw e;
        sendHtml(res, STATUS[e.code] ?? 400, loginPage(lang, errorMessage(e.code, e.params, lang)));
      }
    },

    'POST /logout': async ({ res, bearer, req }) => {
      const token = bearer ?? cookie(req, SESSION_COOKIE);
      if (token) await signOut(pool, token);
      res.writeHead(303, {
        location: '/login',
        'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
      });
      res.end();
    },

    'GET /': async ({ res, url, viewer }) => {
      const q = reportQuery(url, viewer as Viewer);
      const scope = { from: q.from, to: q.to, region: q.region };
      const [offices, profile, regions] = await Promise.all([
        overview(pool, scope),
        hourProfile(pool, scope, null),
        viewer?.role === 'directorate' ? regionList() : Promise.resolve(null),
      ]);
      sendHtml(res, 200, overviewPage(viewer as Viewer, q, offices, profile, regions));
    },

    'GET /office/:code': async ({ res, url, viewer, params }) => {
      const q = reportQuery(url, viewer as Viewer);
      const office = await officeInScope(pool, params.code ?? '', viewerRegion(viewer as Viewer, null));
      if (!office) throw new AppError('not_found');
      const scope = { from: q.from, to: q.to, region: null };
      const [days, profile] = await Promise.all([
        officeDays(pool, scope, office.code),
        hourProfile(pool, scope, office.code),
      ]);
      sendHtml(res, 200, officePage(viewer as Viewer, q, office, days, profile));
    },

    'GET /api/overview': async ({ res, url, viewer }) => {
      const q = reportQuery(url, viewer as Viewer);
      const scope = { from: q.from, to: q.to, region: q.region };
      const [offices, profile] = await Promise.all([overview(pool, scope), hourProfile(pool, scope, null)]);
      sendJson(res, 200, { from: q.from, to: q.to, region: q.region, offices, hours: profile });
    },

    'GET /api/offices/:code/days': async ({ res, url, viewer, params }) => {
      const q = reportQuery(url, viewer as Viewer);
      const office = await officeInScope(pool, params.code ?? '', viewerRegion(viewer as Viewer, null));
      if (!office) throw new AppError('not_found');
      const scope = { from: q.from, to: q.to, region: null };
      const [days, profile] = await Promise.all([
        officeDays(pool, scope, office.code),
        hourProfile(pool, scope, office.code),
      ]);
      sendJson(res, 200, { office, from: q.from, to: q.to, days, hours: profile });
    },

    'GET /export/offices.csv': async ({ res, url, viewer }) => {
      const q = reportQuery(url, viewer as Viewer);
      const rows = await overview(pool, { from: q.from, to: q.to, region: q.region });
      sendCsv(res, `giliran-kantor-${q.from}-${q.to}.csv`, officesCsv(rows, q.from, q.to));
    },

    'GET /export/days.csv': async ({ res, url, viewer }) => {
      const q = reportQuery(url, viewer as Viewer);
      const code = q.office;
      if (code && !(await officeInScope(pool, code, q.region))) throw new AppError('not_found');
      const rows = await officeDays(pool, { from: q.from, to: q.to, region: q.region }, code);
      sendCsv(res, `giliran-harian-${code ?? 'semua'}-${q.from}-${q.to}.csv`, daysCsv(rows));
    },
  };

  /** Signs in, unless this address guessed wrong too often; a wrong password counts against it. */
  async function signInLimited(req: IncomingMessage, username: string, password: string) {
    const address = req.socket.remoteAddress ?? '?';
    if (loginFailures.retryAfterMs(address, Date.now()) > 0) throw new AppError('rate_limited');
    try {
      return await signIn(pool, username, password);
    } catch (e) {
      if (e instanceof AppError && e.code === 'login_failed') loginFailures.record(address, Date.now());
      throw e;
    }
  }

  function setSession(res: ServerResponse, token: string): void {
    res.setHeader(
      'set-cookie',
      `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200${deps.secureCookies || deps.tls ? '; Secure' : ''}`,
    );
  }

  async function regionList(): Promise<string[]> {
    const { rows } = await pool.query<{ region: string }>('SELECT DISTINCT region FROM offices ORDER BY 1');
    return rows.map((r) => r.region);
  }

  /** The validated report range: defaults to the last 30 days; a regional viewer's own region. */
  function reportQuery(url: URL, viewer: Viewer): ReportQuery & { office: string | null } {
    const parsed = reportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    const lang = langOf(url);
    if (!parsed.success) throw new AppError('invalid_payload', { detail: t(lang, 'badRange') });
    const to = parsed.data.to ?? officeDay(Date.now(), deps.timeZone);
    const from = parsed.data.from ?? addDays(to, -29);
    if (from > to || addDays(from, 1100) < to)
      throw new AppError('invalid_payload', { detail: t(lang, 'badRange') });
    return {
      from,
      to,
      region: viewerRegion(viewer, parsed.data.region ?? null),
      lang,
      office: parsed.data.office ?? null,
    };
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    if (!url) {
      sendJson(res, 400, {
        error: new AppError('invalid_payload', { detail: 'bad request target' }).toBody(),
      });
      return;
    }
    void handle(req, res, url);
  };
  const http: Server = deps.tls ? createHttpsServer(deps.tls, onRequest) : createServer(onRequest);
  http.on('clientError', answerClientError);

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const lang = langOf(url);
    const html = !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/export/');
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    const route = matching.find((r) => r.method === req.method);
    try {
      if (!route) {
        if (matching.length) {
          res.setHeader('allow', matching.map((r) => r.method).join(', '));
          throw Object.assign(
            new AppError('invalid_payload', { detail: `method ${req.method} not allowed` }),
            {
              status: 405,
            },
          );
        }
        throw new AppError('not_found');
      }
      const m = route.pattern.exec(url.pathname) as RegExpExecArray;
      const params = Object.fromEntries(route.names.map((k, i) => [k, safeDecode(m[i + 1] ?? '')]));
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
      const ctx: Ctx = { req, res, url, params, lang, viewer: null, office: null, bearer };
      const access = CENTRAL_ROUTES[route.key];
      if (access === 'office') {
        ctx.office = bearer ? await authenticateOffice(pool, bearer) : null;
        if (!ctx.office) throw new AppError('office_token_invalid');
      } else if (access === 'viewer') {
        const token = bearer ?? cookie(req, SESSION_COOKIE);
        ctx.viewer = token ? await authenticateViewer(pool, token) : null;
        if (!ctx.viewer) {
          if (html && req.method === 'GET') {
            res.writeHead(303, { location: `/login?lang=${lang}` }).end();
            return;
          }
          throw new AppError('unauthenticated');
        }
      }
      await handlers[route.key](ctx);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      let err: AppError;
      let status: number;
      if (e instanceof AppError) {
        err = e;
        status = (e as AppError & { status?: number }).status ?? STATUS[e.code] ?? 400;
      } else if (isUnavailable(e)) {
        err = new AppError('storage_unavailable');
        status = 503;
      } else {
        console.error('[central]', req.method, url.pathname, e);
        err = new AppError('internal');
        status = 500;
      }
      const message = errorMessage(err.code, err.params, lang);
      if (html) sendHtml(res, status, errorPage(lang, message));
      else sendJson(res, status, { error: { ...err.toBody(), message } });
    }
  }

  return {
    http,
    listen: (port, host) =>
      new Promise((ok, fail) => {
        http.once('error', fail);
        http.listen(port, host, () => {
          const addr = http.address();
          ok(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
  };
}

function langOf(url: URL): Lang {
  return url.searchParams.get('lang') === 'en' ? 'en' : 'id';
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** HTML with a policy that allows no script, no frame, no foreign form target. */
function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

function sendCsv(res: ServerResponse, filename: string, csv: string): void {
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'cache-control': 'no-store',
  });
  res.end(csv);
}
