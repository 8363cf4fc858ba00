import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError, ROUTE_ROLES, type AppErrorBody, type RouteKey } from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  url: URL;
  principal: Principal | null;
  token: string | null;
}

/** What a handler returns: JSON (default), or a raw body with its content type. */
export type HandlerResult = unknown;

/** Returned by a handler that has taken the response over (an event stream): nothing more is sent. */
export const STREAMING = Symbol('streaming');

type Handler = (ctx: RequestContext) => unknown;

const STATUS: Partial<Record<AppErrorBody['code'], number>> = {
  invalid_payload: 400,
  import_invalid: 400,
  invalid_nik: 400,
  unauthenticated: 401,
  login_failed: 401,
  pairing_code_invalid: 401,
  forbidden: 403,
  not_found: 404,
  booking_not_found: 404,
  tracking_unknown: 404,
  rate_limited: 429,
  too_many_attempts: 429,
  server_busy: 503,
  storage_unavailable: 503,
  planner_busy: 503,
  planner_too_large: 413,
  planner_failed: 503,
};

/** Error carrying extra JSON fields (e.g. the line-numbered import errors). */
export class HttpError extends AppError {
  constructor(
    code: AppErrorBody['code'],
    params: Record<string, string | number>,
    readonly extra: Record<string, unknown>,
  ) {
    super(code, params);
  }
}

/**
 * A small router whose routes are the keys of the authorization matrix in shared/: a route cannot
 * be added without saying who may call it, and the check runs before any handler.
 */
export class Router {
  private readonly routes: {
    method: string;
    pattern: RegExp;
    keys: string[];
    key: RouteKey;
    handler: Handler;
  }[] = [];

  constructor(private readonly authenticate: (token: string) => Principal | null) {}

  add(key: RouteKey, handler: Handler): void {
    const [method, path] = key.split(' ') as [string, string];
    const keys: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/[.]/g, '\\.').replace(/:(\w+)/g, (_, k: string) => {
        keys.push(k);
        return '([^/]+)';
      })}$`,
    );
    this.routes.push({ method, pattern, keys, key, handler });
  }

  /** Handles an /api request; returns false when no route matches the path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const matches = this.routes.filter((r) => r.pattern.test(url.pathname));
    if (!matches.length) return false;
    const route = matches.find((r) => r.method === req.method);
    if (!route) {
      res.setHeader('allow', matches.map((r) => r.method).join(', '));
      sendJson(res, 405, {
        error: new AppError('invalid_payload', { detail: `method ${req.method} not allowed` }).toBody(),
      });
      return true;
    }
    const m = route.pattern.exec(url.pathname) as RegExpExecArray;
    const params = Object.fromEntries(route.keys.map((k, i) => [k, safeDecode(m[i + 1] ?? '')]));
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const principal = token ? this.authenticate(token) : null;
    try {
      const allowed = ROUTE_ROLES[route.key];
      if (allowed !== 'public') {
        if (!principal) throw new AppError('unauthenticated');
        if (!(allowed as readonly string[]).includes(principal.role)) throw new AppError('forbidden');
      }
      const result = await route.handler({ req, res, params, url, principal, token });
      if (result === STREAMING) return true;
      if (result && typeof result === 'object' && 'raw' in result && 'contentType' in result) {
        const r = result as { raw: string; contentType: string; status?: number };
        res.writeHead(r.status ?? 200, { 'content-type': r.contentType });
        res.end(r.raw);
      } else sendJson(res, 200, result);
    } catch (e) {
      if (e instanceof AppError) {
        // A refusal that ends by itself says when: `rate_limited`, `too_many_attempts`, `server_busy`.
        if (typeof e.params.seconds === 'number') res.setHeader('retry-after', String(e.params.seconds));
        sendJson(res, STATUS[e.code] ?? 400, {
          error: { ...e.toBody(), ...(e instanceof HttpError ? e.extra : {}) },
        });
      } else {
        console.error('[http]', route.key, e);
        sendJson(res, 500, { error: new AppError('internal').toBody() });
      }
    }
    return true;
  }
}

/** The request's URL; null when its target is none (`//[`), which `new URL` would throw on. */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/**
 * The `clientError` listener: a request Node's parser refused (unknown method, bytes not allowed
 * in a target, a head over the size limit) gets the usual JSON error, not a bare status line.
 */
export function answerClientError(err: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  // As Node's default: never write into a response already under way on this connection.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : err.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? 413
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
  // A response to HEAD has no body; the method shows when the request line is in the packet.
  const head = err.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  const body = head
    ? ''
    : JSON.stringify({
        error: new AppError('invalid_payload', { detail: 'malformed HTTP request' }).toBody(),
      });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** A malformed %-escape in a path parameter is kept as typed (then simply not found), not a 500. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** Reads a request body up to `limit` bytes; larger bodies are refused, not buffered. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new AppError('invalid_payload', { detail: `body larger than ${limit} bytes` }));
        req.resume(); // drain without buffering, so the 400 reaches the client
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads and validates a JSON body (at most `limit` bytes) with a zod-like schema. */
export async function readJson<T>(
  req: IncomingMessage,
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  limit = 64 * 1024,
): Promise<T> {
  const body = await readBody(req, limit);
  let text: string;
  try {
    // Strict: bytes that are not UTF-8 are refused, not stored as U+FFFD in a name.
    text = utf8.decode(body);
  } catch {
    throw new AppError('invalid_payload', { detail: 'body is not UTF-8' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('invalid_payload', { detail: 'body is not JSON' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new AppError('invalid_payload', {
      detail: i ? `${i.path.map(String).join('.') || 'body'}: ${i.message}` : 'bad body',
    });
  }
  return parsed.data;
}
