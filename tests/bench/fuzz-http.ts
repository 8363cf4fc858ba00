/**
 * Fuzzing of the HTTP API: every route of `ROUTE_ROLES` from every role, and with no, revoked,
 * signed-out, garbage and oversized credentials, fed malformed bodies (schema-breaking, broken
 * JSON, invalid UTF-8, huge, empty, broken booking files), odd content types and headers,
 * malformed path parameters and query values, wrong methods, unparsable request targets,
 * oversized heads and unknown paths.
 *
 * Every request must be answered, never with a 5xx; every 4xx carries `{ error: { code, message } }`
 * with the catalogue's (Indonesian) message, and the status is the one a correct server gives: the
 * parser's 400/431, 404 and 405 for an unknown path or method, 401/403 before any handler, then the
 * handler's refusal. Only legitimately valid requests (a health check, `GET /api/me` with a real
 * credential, a report for a real date, a logout, a phone's ticket and its event stream) may
 * succeed, and nothing may change. An event stream that opens is read up to its headers, then
 * closed: it would otherwise never end.
 * `fault-fuzz-http.test.ts` runs ~1,500 requests; `npm run bench -- --fuzz` the long version.
 */
import { Agent, METHODS, request } from 'node:http';
import {
  BOOKING_FIELDS,
  bookingRowSchema,
  createUserBodySchema,
  errorMessage,
  isRealDate,
  loginBodySchema,
  pairBodySchema,
  pairingCodeBodySchema,
  phoneSurveyAnswerSchema,
  planningBodySchema,
  requestLang,
  ROUTE_ROLES,
  seededRandom,
  SKM_ELEMENT_COUNT,
  suggestBodySchema,
  type BookingRow,
  type ErrorCode,
  type ErrorParams,
  type Role,
  type RouteKey,
} from '@giliran/shared';
import { atom, fuzzRig, malformedFor, pick, queueFingerprint, type FuzzRig } from './fuzz.ts';
import { api, login } from '../support/clients.ts';
import { benchBookings, benchDay, pairDevices, percentiles, type Percentiles } from './lib.ts';

const ROUTES = (Object.keys(ROUTE_ROLES) as RouteKey[]).map((key) => {
  const [method, path] = key.split(' ') as [string, string];
  // Its parameter (every route has at most one) is the first group, as the server's router takes it.
  const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:\w+/g, '([^/]+)')}$`);
  const allowed: 'public' | readonly Role[] = ROUTE_ROLES[key];
  return { key, method, path, pattern, allowed };
});
type Route = (typeof ROUTES)[number];

/** Who a request claims to be: the staff roles, a phone's tracking token, and bad credentials. */
export const CREDENTIALS = [
  'none',
  'kiosk',
  'board',
  'counter',
  'supervisor',
  'admin',
  'phone',
  'survey',
  'revoked',
  'signed-out',
  'garbage',
  'oversized',
] as const;
type Credential = (typeof CREDENTIALS)[number];
const STAFF = ['kiosk', 'board', 'survey', 'counter', 'supervisor', 'admin'] as const;
const isStaff = (c: Credential): c is (typeof STAFF)[number] => (STAFF as readonly string[]).includes(c);
/** Officer of each role whose throw-away sessions a valid logout ends (the rig's must live on). */
const THROWAWAY_OFFICER = { counter: 'petugas3', supervisor: 'supervisor', admin: 'admin' } as const;

const JSON_BODIES: Partial<
  Record<RouteKey, { schema: { safeParse(v: unknown): { success: boolean } }; valid: object }>
> = {
  'POST /api/pair': { schema: pairBodySchema, valid: { code: '12345678' } },
  'POST /api/track/:token/survey': {
    schema: phoneSurveyAnswerSchema,
    valid: { answers: Array.from({ length: SKM_ELEMENT_COUNT }, () => 4) },
  },
  'POST /api/login': { schema: loginBodySchema, valid: { username: 'admin', password: 'giliran-demo' } },
  'POST /api/admin/pairing-codes': {
    schema: pairingCodeBodySchema,
    valid: { role: 'kiosk', name: 'Kiosk Fuzz', printerUri: 'tcp://10.0.0.21:9100' },
  },
  'POST /api/admin/users': {
    schema: createUserBodySchema,
    valid: { username: 'fuzzer', displayName: 'Fuzzer', password: 'giliran-demo', role: 'admin' },
  },
  'POST /api/planning/simulate': {
    schema: planningBodySchema,
    valid: {
      date: '2026-03-10',
      plans: [{ startHour: 8, rows: [{ stages: ['verifikasi'], counters: [2, 2] }] }],
      targetP90Minutes: 60,
    },
  },
  'POST /api/planning/suggest': {
    schema: suggestBodySchema,
    valid: {
      date: '2026-03-10',
      targetP90Minutes: 60,
      behaviour: { earlyShare: 0.2, lateShare: 0.1, noShowShare: 0.08 },
    },
  },
};
const JSON_LIMIT = 64 * 1024;
/** Node's default limit on a request's head; the generator keeps clear of it or far over it. */
const HEAD_LIMIT = 16 * 1024;

const BAD_PARAMS = [
  '%00',
  '%ff',
  '%ff%fe%fd',
  '%',
  '%zz',
  '%2',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%2f',
  '%5c..%5c',
  'a\\b',
  'a/b',
  '.',
  '..',
  '%2e',
  '%2E%2e',
  'x'.repeat(10_000),
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '%F0%9F%98%80'.repeat(100),
  '%E2%80%AE%E2%80%AD',
  '%EF%BB%BF',
  '%ED%A0%80',
  '%C0%AF',
  "'%20OR%201=1--",
  '%22%3E%3Cscript%3E',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e999',
  '%20',
  '~',
  '*',
  '$',
  ';x=1',
  ',',
  '@',
  ':',
  'a#b',
  'a?b=1',
  'demo-kiosk-1%00',
  'demo-kiosk-1%20',
  'DEMO-KIOSK-1',
  '\u00ff\u00fe',
  'caf\u00e9',
];

const JUNK_QUERIES = [
  '?',
  '?&&&==',
  '?__proto__[polluted]=yes',
  '?constructor[prototype][polluted]=yes',
  '?__proto__.polluted=yes&constructor.prototype.polluted=yes',
  '?%ff=%fe',
  '?a=%00',
  `?x=${'y'.repeat(10_000)}`,
  '?a=1&a=2&a[]=3',
  '?%E2%80%AE=1',
  '?lang=xx',
  '?token=demo-kiosk-1',
  '?role=admin',
  '?=',
  '?a=%',
];

const MONTHS = [
  '2026-03',
  '2026-13',
  '2026-00',
  '2026-3',
  '26-03',
  '2026-03-',
  '0001-01',
  '9999-12',
  '2026%2003',
];

const DATES = [
  '',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-02-29',
  '2024-02-29',
  '26-03-10',
  '2026-3-10',
  '2026/03/10',
  '10-03-2026',
  '2026-03-10T00:00',
  '2026-03-10%00',
  '%202026-03-10',
  '2026-03-10%20',
  '+2026-03-10',
  '%D9%A2%D9%A0%D9%A2%D9%A6-%D9%A0%D9%A3-%D9%A1%D9%A0',
  'NaN',
  '-1',
  'Infinity',
  '1e999',
  'null',
  '0000-00-00',
  '0001-01-01',
  '9999-12-31',
  '2026-03-10',
  'x'.repeat(10_000),
  "'%20OR%201=1",
  '%ff',
  '2026-03-10&date=bad',
  'bad&date=2026-03-10',
  '2026-03-10&date[]=1',
];

const CONTENT_TYPES = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=iso-8859-1',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/octet-stream',
  '*/*',
  '\u00ff/\u00fe',
  'x'.repeat(2_000),
];

const JUNK_HEADERS: Record<string, string>[] = [
  { 'x-forwarded-for': '127.0.0.1, ::1, 999.999.999.999' },
  { cookie: '__proto__=polluted; constructor=x' },
  { 'accept-language': 'en;q=NaN, *;q=-1' },
  { accept: 'application/x-nonsense' },
  { 'x-http-method-override': 'DELETE' },
  { 'content-encoding': 'gzip' },
  { 'x-giliran-role': 'admin' },
  { origin: 'null', referer: '\u00ff' },
];

const METHODS_TO_TRY = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'TRACE',
  'PROPFIND',
  'PURGE',
  'FUZZ',
  'M-SEARCH',
];

/** Request targets Node accepts but that are not URLs relative to the server. */
const BAD_TARGETS = ['//[', 'http://[', '//%', 'http://a:b@[::1', '//\u00ff'];

const UNKNOWN_PATHS = [
  '/api/',
  '/api/nope',
  '/api/admin',
  '/api/admin/users/1',
  '/api/__proto__',
  '/api/constructor',
  `/api/${'x'.repeat(10_000)}`,
  '/api/%ff',
  '/api/%00',
  '/api/socket.io',
  '/api/track',
  '/api/reports',
  '/api/reports/day.json',
  '/api/admin/devices',
  '/api/HEALTH',
];

export interface FuzzHttpResult {
  requests: number;
  seconds: number;
  byStatus: Record<string, number>;
  /** By `ROUTE_ROLES` key of the route the request was aimed at, or `unknown path`. */
  byRoute: Record<string, number>;
  byCredential: Record<string, number>;
  /** By malformation (`body:schema`, `path`, `query`, `method`, `target`, `head`, …). */
  byKind: Record<string, number>;
  byErrorCode: Record<string, number>;
  /** Requests that got past routing and the role check into each route's handler. */
  reachedHandler: Record<string, number>;
  /** Legitimately valid requests that succeeded (health, me, devices, reports with a real date, …). */
  accepted: number;
  /** Route × credential pairs never sent (the generator must cover them all). */
  uncovered: string[];
  failureCount: number;
  /** The first failures: no answer, a 5xx, a 4xx without a proper JSON error, an unexpected status. */
  failures: string[];
  /** POST/DELETE requests other than a logout that succeeded: a malformed payload was accepted. */
  mutatingAccepted: string[];
  latencyMs: Percentiles;
  stateUnchanged: boolean;
  prototypePolluted: boolean;
  healthyAfter: boolean;
}

/** What a correct server answers: success, or a status with the error code it carries. */
type Expectation = { status: 200 } | { status: number; code: ErrorCode };

interface Probe {
  route: RouteKey | 'unknown path';
  credential: Credential;
  kind: string;
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  expect: Expectation;
  /** The route that handles it (after the URL's normalization), if any and if allowed. */
  handledBy: RouteKey | null;
  /** Sign in a throw-away session of this officer and send it: a valid logout ends the session. */
  throwaway?: string;
}

interface Answer {
  status: number;
  /** Empty for an event stream (only its headers are read). */
  body: Buffer;
  contentType: string | undefined;
  ms: number;
}

interface Context {
  r: () => number;
  credentialHeader: (c: Credential) => string | undefined;
  credentialRole: (c: Credential) => Role | null;
  trackToken: string;
  /** Ids of devices a DELETE would revoke; a fuzzed id must never name one. */
  liveDeviceIds: Set<string>;
  bookings: BookingRow[];
}

// ─── Bodies ───────────────────────────────────────────────────────────────────────────────────────

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether the server should accept `bytes` as the JSON body `schema` describes. */
function validJsonBody(bytes: Buffer, schema: { safeParse(v: unknown): { success: boolean } }): boolean {
  if (bytes.length > JSON_LIMIT) return false;
  try {
    return schema.safeParse(JSON.parse(strictUtf8.decode(bytes))).success;
  } catch {
    return false;
  }
}

/** Inserts bytes that are not UTF-8 (lone continuation, truncated or overlong sequences, surrogates). */
function withInvalidUtf8(text: string, r: () => number): Buffer {
  const bad = pick(r, [[0xff], [0xfe, 0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80]]);
  const bytes = Buffer.from(text, 'utf8');
  // Inside a string value when there is one, so the rest of the body stays well-formed JSON.
  const quotes = [...text.matchAll(/":"/g)].map((m) => Buffer.byteLength(text.slice(0, m.index + 3)));
  const at = quotes.length ? pick(r, quotes) : Math.floor(r() * (bytes.length + 1));
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
}

function jsonBody(
  r: () => number,
  spec: { schema: { safeParse(v: unknown): { success: boolean } }; valid: object },
): { kind: string; body: Buffer } {
  const valid = JSON.stringify(spec.valid);
  for (;;) {
    const roll = r();
    let kind: string;
    let body: Buffer;
    if (roll < 0.5) {
      kind = 'body:schema';
      body = Buffer.from(JSON.stringify(malformedFor(spec.schema, spec.valid, r)) ?? '');
    } else if (roll < 0.68) {
      kind = 'body:syntax';
      body = Buffer.from(
        pick(r, [
          valid.slice(0, -1),
          `${valid},`,
          valid + valid,
          `[${valid}]`,
          valid.replace(/"/g, "'"),
          valid.replace(':', '='),
          `\uFEFF${valid}`,
          valid.replace(/"[^"]*"}$/, 'NaN}'),
          valid.replace(/"[^"]*"}$/, '-Infinity}'),
          valid.replace(/"[^"]*"}$/, '1e999}'),
          valid.replace(/"[^"]*"}$/, '0x10}'),
          valid.replace(/"[^"]*"}$/, '-0}'),
          valid.replace(/"([^"]*)"}$/, '"$1\u0001"}'),
          `${valid}\u0000`,
          `\u0000${valid}`,
          'NaN',
          '-0',
          'null',
          'true',
          '"str"',
          '{}',
          '[]',
          '{"a":01}',
          `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
          `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
          '{"__proto__":{"polluted":"yes"}}',
          '{"constructor":{"prototype":{"polluted":"yes"}}}',
        ]),
      );
    } else if (roll < 0.84) {
      kind = 'body:utf8';
      body = withInvalidUtf8(r() < 0.8 ? valid : (JSON.stringify(atom(r)) ?? ''), r);
    } else if (roll < 0.93) {
      kind = 'body:huge';
      body = Buffer.from(
        JSON.stringify({ ...spec.valid, extra: 'x'.repeat(pick(r, [70_000, 300_000, 2_000_000])) }),
      );
    } else {
      kind = 'body:empty';
      body = Buffer.from(pick(r, ['', ' ', '\r\n', '\u0000']));
    }
    if (!validJsonBody(body, spec.schema)) return { kind, body };
  }
}

/** A CSV cell's text; not `String(v)`, which throws on `{ toString: 'x' }`. */
function cellText(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csv(rows: Record<string, unknown>[], header: readonly string[] = BOOKING_FIELDS): string {
  return [
    header.join(','),
    ...rows.map((row) => header.map((f) => csvField(cellText(row[f]))).join(',')),
  ].join('\n');
}

/** A booking file the importer must reject whole: one broken row among good ones, or a broken file. */
function importFile(r: () => number, bookings: BookingRow[]): { kind: string; body: Buffer } {
  const n = r() < 0.02 ? 2_000 : 1 + Math.floor(r() * 20);
  const start = Math.floor(r() * (bookings.length - n));
  const rows: Record<string, unknown>[] = bookings.slice(start, start + n).map((b) => ({ ...b }));
  const asJson = r() < 0.5;
  const render = (list: Record<string, unknown>[]) => (asJson ? JSON.stringify(list, null, 1) : csv(list));
  const roll = r();
  if (roll < 0.45) {
    // One row broken: a field replaced by a hostile value, dropped, or an extra (pollution) key.
    const at = Math.floor(r() * rows.length);
    for (let attempt = 0; ; attempt++) {
      const row: Record<string, unknown> = { ...rows[at] };
      const field = pick(r, BOOKING_FIELDS);
      const how = r();
      if (attempt > 20) row.booking_code = 'not a code';
      else if (how < 0.6) row[field] = asJson ? atom(r) : cellText(atom(r)).slice(0, 5_000);
      else if (how < 0.8) delete row[field];
      else
        Object.defineProperty(row, pick(r, ['__proto__', 'constructor', 'extra', '']), {
          value: asJson ? atom(r) : 'x',
          enumerable: true,
          writable: true,
          configurable: true,
        });
      // As the server will see it: JSON round trip, or CSV's trimmed strings.
      const seen: unknown = asJson
        ? JSON.parse(JSON.stringify(row))
        : Object.fromEntries(BOOKING_FIELDS.map((f) => [f, cellText(row[f]).trim()]));
      if (!bookingRowSchema.safeParse(seen).success) {
        rows[at] = row;
        return { kind: 'import:row', body: Buffer.from(render(rows)) };
      }
    }
  }
  if (roll < 0.55) return { kind: 'import:duplicate', body: Buffer.from(render([...rows, rows[0] ?? {}])) };
  if (roll < 0.75) {
    const good = csv(rows);
    const text = pick(r, [
      csv(rows, [...BOOKING_FIELDS].reverse()),
      csv(rows, [...BOOKING_FIELDS, 'extra']),
      csv(rows, BOOKING_FIELDS.slice(1)),
      good.split('\n').slice(1).join('\n'),
      `${good}\n"BN999999,`,
      `${good}\nBN999999,1`,
      `${good},extra`,
      JSON.stringify(rows[0] ?? {}),
      JSON.stringify([1, 'x', null, []]),
      JSON.stringify(rows).slice(0, -5),
      '[',
      '{',
      `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      '[{"__proto__":{"polluted":"yes"}}]',
    ]);
    return { kind: 'import:structure', body: Buffer.from(text) };
  }
  if (roll < 0.9) {
    const good = render(rows);
    const body = pick(r, [
      () => Buffer.from(good, 'utf16le'),
      () => Buffer.from(`\uFEFF${good}`, 'utf16le'),
      () => withInvalidUtf8(good, r),
      () => Buffer.from(good.replace(/,/, ',Caf\u00e9 '), 'latin1'),
    ])();
    return { kind: 'import:encoding', body };
  }
  return { kind: 'import:empty', body: Buffer.from(pick(r, ['', '   ', '\uFEFF', '\n\n', '\r\n \t'])) };
}

// ─── Requests ─────────────────────────────────────────────────────────────────────────────────────

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The status and code a correct server gives, following its order: parser, URL, path, method, role, handler. */
function expectation(
  ctx: Context,
  p: Pick<Probe, 'method' | 'target' | 'headers' | 'body' | 'credential'>,
): { expect: Expectation; handledBy: RouteKey | null } {
  const refuse = (status: number, code: ErrorCode) => ({ expect: { status, code }, handledBy: null });
  const headBytes =
    p.target.length + Object.entries(p.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 120);
  if (!METHODS.includes(p.method)) return refuse(400, 'invalid_payload');
  if (/[^\u0021-\u007e]/.test(p.target)) return refuse(400, 'invalid_payload');
  if (headBytes > HEAD_LIMIT) return refuse(431, 'invalid_payload');
  let url: URL;
  try {
    url = new URL(p.target, 'http://localhost');
  } catch {
    return refuse(400, 'invalid_payload');
  }
  const matches = ROUTES.filter((rt) => rt.pattern.test(url.pathname));
  if (!matches.length) return refuse(404, 'not_found');
  const route = matches.find((rt) => rt.method === p.method);
  if (!route) return refuse(405, 'invalid_payload');
  if (route.allowed !== 'public') {
    const role = ctx.credentialRole(p.credential);
    if (!role) return refuse(401, 'unauthenticated');
    if (!route.allowed.includes(role)) return refuse(403, 'forbidden');
  }
  const param = safeDecode(route.pattern.exec(url.pathname)?.[1] ?? '');
  const handled = (expect: Expectation) => ({ expect, handledBy: route.key });
  // A phone's routes name its ticket by token first: any other token is `tracking_unknown`.
  const unknownTicket = { status: 404, code: 'tracking_unknown' } as const;
  switch (route.key) {
    case 'GET /api/track/:token':
    case 'GET /api/track/:token/events':
      return handled(param === ctx.trackToken ? { status: 200 } : unknownTicket);
    case 'GET /api/track/:token/survey':
      // The rig's ticket is waiting: its survey opens only once the visit is done.
      return handled(param === ctx.trackToken ? { status: 400, code: 'survey_not_done' } : unknownTicket);
    case 'POST /api/track/:token/survey':
      if (validJsonBody(p.body ?? Buffer.alloc(0), phoneSurveyAnswerSchema))
        throw new Error(`generator made a valid body for ${route.key}`);
      return handled(param === ctx.trackToken ? { status: 400, code: 'invalid_payload' } : unknownTicket);
    case 'GET /api/reports/day':
    case 'GET /api/reports/day.csv': {
      const date = url.searchParams.get('date');
      return handled(
        date === null || isRealDate(date) ? { status: 200 } : { status: 400, code: 'invalid_payload' },
      );
    }
    case 'GET /api/reports/survey':
    case 'GET /api/reports/survey.csv': {
      const month = url.searchParams.get('month');
      return handled(
        month === null || isRealDate(`${month}-01`)
          ? { status: 200 }
          : { status: 400, code: 'invalid_payload' },
      );
    }
    case 'DELETE /api/admin/devices/:id':
      if (ctx.liveDeviceIds.has(param)) throw new Error(`generator named a live device: ${param}`);
      return handled({ status: 404, code: 'not_found' });
    case 'POST /api/admin/bookings/import':
      return handled({ status: 400, code: 'import_invalid' });
    default: {
      const spec = JSON_BODIES[route.key];
      if (spec && validJsonBody(p.body ?? Buffer.alloc(0), spec.schema))
        throw new Error(`generator made a valid body for ${route.key}`);
      return handled(spec ? { status: 400, code: 'invalid_payload' } : { status: 200 });
    }
  }
}

function routeTarget(ctx: Context, route: Route, kind: string): string {
  const { r } = ctx;
  let param = '';
  if (route.path.includes(':')) {
    if (route.path.startsWith('/api/track/:token') && kind !== 'path' && r() < 0.3) {
      // The real token, plain or needlessly %-encoded: a legitimate request.
      param =
        r() < 0.5
          ? ctx.trackToken
          : [...ctx.trackToken].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    } else {
      for (;;) {
        param =
          r() < 0.8
            ? pick(r, BAD_PARAMS)
            : encodeURIComponent([...(JSON.stringify(atom(r)) ?? 'undefined')].slice(0, 3_000).join(''));
        if (!ctx.liveDeviceIds.has(safeDecode(param))) break;
      }
    }
  }
  let path = route.path.replace(/:\w+/, param);
  if (kind === 'path' && !route.path.includes(':')) {
    const rest = path.slice('/api/'.length);
    path = pick(r, [
      `${path}/`,
      `/api//${rest}`,
      `${path}/extra`,
      `${path}%00`,
      `${path};jsessionid=x`,
      `/api/./${rest}`,
      `/api/x/../${rest}`,
      `/api/%2e%2e/api/${rest}`,
      `/api/${rest.toUpperCase()}`,
      `${path}.json`,
      `/api/${rest.replace(/\//g, '%2f')}`,
    ]);
  }
  return path;
}

function queryFor(ctx: Context, route: Route | null, kind: string): string {
  const { r } = ctx;
  const reports = route?.key === 'GET /api/reports/day' || route?.key === 'GET /api/reports/day.csv';
  if (kind === 'query' && reports) {
    const date = r() < 0.15 ? benchDay() : pick(r, DATES);
    return r() < 0.2 ? `?lang=en&date=${date}` : `?date=${date}`;
  }
  const survey = route?.key === 'GET /api/reports/survey' || route?.key === 'GET /api/reports/survey.csv';
  if (kind === 'query' && survey) {
    const month = r() < 0.3 ? pick(r, MONTHS) : pick(r, DATES);
    return r() < 0.2 ? `?lang=en&month=${month}` : `?month=${month}`;
  }
  if (kind === 'query' || r() < 0.2) return pick(r, JUNK_QUERIES);
  return '';
}

function junkBody(r: () => number): Buffer {
  return pick(r, [
    () => Buffer.from(JSON.stringify(atom(r)) ?? ''),
    () => Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]),
    () => Buffer.from('{"__proto__":{"polluted":"yes"}}'),
    () => Buffer.alloc(pick(r, [1_000, 100_000, 1_000_000]), 0x61),
  ])();
}

/** One fuzzed request aimed at `route` (null: an unknown path) with `credential`. */
function probe(ctx: Context, route: Route | null, credential: Credential): Probe {
  const { r } = ctx;
  const roll = r();
  const kind = !route
    ? 'unknown path'
    : roll < 0.1
      ? 'method'
      : roll < (route.path.includes(':') ? 0.3 : 0.16)
        ? 'path'
        : roll < 0.34
          ? 'query'
          : roll < 0.36
            ? 'target'
            : roll < 0.38
              ? 'head'
              : 'body';
  let method = route?.method ?? pick(r, ['GET', 'POST', 'DELETE']);
  if (kind === 'method')
    method = pick(
      r,
      METHODS_TO_TRY.filter((m) => m !== route?.method),
    );

  let target = route ? routeTarget(ctx, route, kind) : pick(r, UNKNOWN_PATHS);
  if (kind === 'target') target = pick(r, BAD_TARGETS);
  target += queryFor(ctx, route, kind);

  let body: Buffer | undefined;
  let bodyKind: string | null = null;
  const spec = route ? JSON_BODIES[route.key] : undefined;
  if (spec) ({ kind: bodyKind, body } = jsonBody(r, spec));
  else if (route?.key === 'POST /api/admin/bookings/import')
    ({ kind: bodyKind, body } = importFile(r, ctx.bookings));
  else if (kind === 'body' || r() < 0.1) {
    bodyKind = 'body:junk';
    body = junkBody(r);
  }

  const headers: Record<string, string> = {};
  const auth = ctx.credentialHeader(credential);
  if (auth !== undefined) headers.authorization = auth;
  if (body) {
    const type = pick(r, CONTENT_TYPES);
    if (type !== undefined) headers['content-type'] = type;
    // Always framed: without a length Node sends a GET's or DELETE's body as the next request.
    headers['content-length'] = String(body.length);
  }
  if (r() < 0.1) Object.assign(headers, pick(r, JUNK_HEADERS));
  if (kind === 'head') headers['x-padding'] = 'p'.repeat(20_000);

  const p = { method, target, headers, body, credential };
  const { expect, handledBy } = expectation(ctx, p);
  const officer =
    handledBy === 'POST /api/logout' && credential in THROWAWAY_OFFICER
      ? THROWAWAY_OFFICER[credential as keyof typeof THROWAWAY_OFFICER]
      : undefined;
  return {
    ...p,
    route: route?.key ?? 'unknown path',
    kind: bodyKind && kind === 'body' ? bodyKind : kind,
    expect,
    handledBy,
    ...(officer ? { throwaway: officer } : {}),
  };
}

function send(base: URL, p: Probe, agent: Agent, timeoutMs: number): Promise<Answer | { error: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    try {
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          method: p.method,
          path: p.target,
          headers: p.headers,
          agent,
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => {
          const answer = (body: Buffer) => ({
            status: res.statusCode ?? 0,
            body,
            contentType: res.headers['content-type'],
            ms: performance.now() - t0,
          });
          if (res.headers['content-type']?.startsWith('text/event-stream')) {
            // A phone's event stream stays open: its status and headers are the answer.
            resolve(answer(Buffer.alloc(0)));
            res.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(answer(Buffer.concat(chunks))));
          res.on('error', (e) => resolve({ error: e.message }));
        },
      );
      req.on('error', (e) => resolve({ error: e.message }));
      req.end(p.body);
    } catch (e) {
      resolve({ error: `could not send: ${(e as Error).message}` });
    }
  });
}

/** The `lang` query parameter of a (possibly malformed) request target. */
function queryLang(target: string): string | null {
  try {
    return new URL(target, 'http://x').searchParams.get('lang');
  } catch {
    return null;
  }
}

/** Why an answer is wrong, or null. */
function verdict(p: Probe, a: Answer): string | null {
  if (a.status >= 500) return `status ${a.status}`;
  if (a.status >= 400 && p.method !== 'HEAD') {
    let error: { code?: unknown; message?: unknown; params?: ErrorParams } | undefined;
    try {
      error = (JSON.parse(a.body.toString('utf8')) as { error?: typeof error }).error;
    } catch {
      // not JSON
    }
    if (typeof error?.code !== 'string') return `${a.status} without a JSON error code`;
    // Indonesian, or English where the request asked for it (`?lang=en`, Accept-Language: the
    // import route answers in the language asked for).
    const asked = requestLang(queryLang(p.target), p.headers['accept-language']);
    const catalogue = (lang: 'id' | 'en') => errorMessage(error.code as ErrorCode, error.params ?? {}, lang);
    if (
      typeof error.message !== 'string' ||
      (error.message !== catalogue('id') && (asked !== 'en' || error.message !== catalogue('en')))
    )
      return `${a.status} ${error.code} with message ${JSON.stringify(error.message)}, not the catalogue's`;
    if ('code' in p.expect && error.code !== p.expect.code)
      return `code ${error.code}, want ${p.expect.code}`;
  }
  if (a.status !== p.expect.status) return `status ${a.status}, want ${p.expect.status}`;
  const stream = a.contentType?.startsWith('text/event-stream') ?? false;
  if (a.status === 200 && stream !== (p.handledBy === 'GET /api/track/:token/events'))
    return `200 with content type ${a.contentType ?? '(none)'}`;
  return null;
}

function describeProbe(p: Probe): string {
  const body = p.body
    ? ` body(${p.body.length}) ${JSON.stringify(p.body.subarray(0, 60).toString('latin1'))}`
    : '';
  return `${p.method} ${p.target.slice(0, 80)} as ${p.credential} [${p.kind}]${body}`;
}

interface HttpRig extends Omit<Context, 'r' | 'credentialHeader'> {
  rig: FuzzRig;
  /** The `authorization` header of each credential; `garbage` picks one of `garbage`. */
  headers: Partial<Record<Credential, string>>;
  garbage: string[];
}

/** The socket fuzz rig plus a revoked device token and a signed-out session. */
async function httpRig(): Promise<HttpRig> {
  const rig = await fuzzRig();
  const { url, tokens } = rig;
  const [revoked = ''] = await pairDevices(url, tokens.admin, 'kiosk', 1);
  const devices = await api<{ id: string; name: string }[]>(url, 'GET', '/api/devices', {
    token: tokens.admin,
  });
  const paired = devices.body.find((d) => d.name === 'Bench kiosk 1');
  if (!paired) throw new Error('fuzz-http: the paired device is not listed');
  await api(url, 'DELETE', `/api/admin/devices/${paired.id}`, { token: tokens.admin });
  const signedOut = await login(url, 'petugas2');
  await api(url, 'POST', '/api/logout', { token: signedOut });
  return {
    rig,
    trackToken: rig.trackToken,
    liveDeviceIds: new Set(devices.body.map((d) => d.id).filter((id) => id !== paired.id)),
    bookings: benchBookings(benchDay(), 3_000),
    credentialRole: (c) => (isStaff(c) ? c : null),
    headers: {
      ...Object.fromEntries(STAFF.map((role) => [role, `Bearer ${tokens[role]}`])),
      phone: `Bearer ${rig.trackToken}`,
      revoked: `Bearer ${revoked}`,
      'signed-out': `Bearer ${signedOut}`,
      oversized: `Bearer ${'A'.repeat(12_000)}`,
    },
    garbage: [
      'Bearer',
      'Bearer ',
      'Bearer x',
      `Bearer ${tokens.admin.slice(0, -1)}`,
      `Bearer ${tokens.admin}x`,
      `bearer ${tokens.admin}`,
      `Basic ${Buffer.from('admin:giliran-demo').toString('base64')}`,
      `Bearer ${tokens.kiosk} ${tokens.board}`,
      'Bearer \u00ff\u00fe\u00fd\u00fc\u00fb\u00fa\u00f9\u00f8',
      'Bearer __proto__',
      'Bearer constructor',
      "Bearer ' OR 1=1 --",
      'Bearer null',
      'Bearer undefined',
      'Bearer [object Object]',
      `Token ${tokens.admin}`,
      tokens.admin,
    ],
  };
}

/** Sends `requests` fuzzed requests, `concurrency` at a time, and checks every answer and the state after. */
export async function runFuzzHttp(opts: {
  requests: number;
  log?: (...a: unknown[]) => void;
  seed?: number;
  concurrency?: number;
  timeoutMs?: number;
}): Promise<FuzzHttpResult> {
  const { rig, headers, garbage, ...rest } = await httpRig();
  const r = seededRandom(opts.seed ?? 1);
  const ctx: Context = {
    ...rest,
    r,
    credentialHeader: (c) => (c === 'garbage' ? pick(r, garbage) : headers[c]),
  };
  const base = new URL(rig.url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency ?? 4 });
  const count = (m: Record<string, number>, k: string) => {
    m[k] = (m[k] ?? 0) + 1;
  };
  const result: FuzzHttpResult = {
    requests: 0,
    seconds: 0,
    byStatus: {},
    byRoute: {},
    byCredential: {},
    byKind: {},
    byErrorCode: {},
    reachedHandler: {},
    accepted: 0,
    uncovered: [],
    failureCount: 0,
    failures: [],
    mutatingAccepted: [],
    latencyMs: percentiles([]),
    stateUnchanged: false,
    prototypePolluted: false,
    healthyAfter: false,
  };
  const pairs = ROUTES.flatMap((rt) => CREDENTIALS.map((c) => [rt, c] as const));
  const seen = new Set<string>();
  const latencies: number[] = [];
  const fail = (why: string) => {
    result.failureCount++;
    if (result.failures.length < 50) result.failures.push(why);
  };
  try {
    const before = queueFingerprint(rig.app);
    const t0 = performance.now();
    let next = 0;
    let sweep = 0;
    const worker = async () => {
      while (next < opts.requests) {
        const i = next++;
        // Every 25th an unknown path; half the rest sweep route × credential so every pair is
        // covered; the other half aim at a role the route admits, so malformations reach handlers.
        let p: Probe;
        if (i % 25 === 24) p = probe(ctx, null, pick(r, CREDENTIALS));
        else if (i % 2 === 0) {
          const [rt, c] = pairs[sweep++ % pairs.length] as (typeof pairs)[number];
          p = probe(ctx, rt, c);
        } else {
          const rt = pick(r, ROUTES);
          p = probe(ctx, rt, rt.allowed === 'public' ? pick(r, CREDENTIALS) : pick(r, rt.allowed));
        }
        if (p.throwaway) p.headers.authorization = `Bearer ${await login(rig.url, p.throwaway)}`;
        seen.add(`${p.route} as ${p.credential}`);
        count(result.byRoute, p.route);
        count(result.byCredential, p.credential);
        count(result.byKind, p.kind);
        if (p.handledBy) count(result.reachedHandler, p.handledBy);
        const a = await send(base, p, agent, opts.timeoutMs ?? 10_000);
        result.requests++;
        if ('error' in a) {
          count(result.byStatus, 'no answer');
          fail(`no answer (${a.error}): ${describeProbe(p)}`);
          continue;
        }
        latencies.push(a.ms);
        count(result.byStatus, String(a.status));
        if (a.status >= 400 && p.method !== 'HEAD') {
          const code = /"code":"([^"]+)"/.exec(a.body.subarray(0, 200).toString('utf8'))?.[1] ?? '(none)';
          count(result.byErrorCode, code);
        }
        const why = verdict(p, a);
        if (why) fail(`${why}: ${describeProbe(p)}`);
        if (a.status < 300 && p.expect.status === 200) result.accepted++;
        if (a.status < 300 && ['POST', 'DELETE'].includes(p.method) && p.handledBy !== 'POST /api/logout')
          result.mutatingAccepted.push(describeProbe(p));
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
    result.seconds = Math.round((performance.now() - t0) / 10) / 100;
    result.latencyMs = percentiles(latencies);
    result.uncovered = pairs.map(([rt, c]) => `${rt.key} as ${c}`).filter((k) => !seen.has(k));
    result.stateUnchanged = queueFingerprint(rig.app) === before;
    result.prototypePolluted = 'polluted' in ({} as Record<string, unknown>);
    result.healthyAfter = (await api(rig.url, 'GET', '/api/health')).status === 200;
    opts.log?.('fuzz-http', {
      requests: result.requests,
      seconds: result.seconds,
      failures: result.failureCount,
      accepted: result.accepted,
      stateUnchanged: result.stateUnchanged,
    });
    return result;
  } finally {
    agent.destroy();
    await rig.close();
  }
}
