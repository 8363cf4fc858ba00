import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import type {
  AckResponse,
  BookingRow,
  CallAnnouncement,
  ClientEventName,
  ClientToServerEvents,
  HandshakeAuth,
  Payload,
  QueueSnapshot,
  PublicTicket,
  ServerToClientEvents,
  StaffTicket,
} from '@giliran/shared';
import { DEMO_PASSWORD, generateDemoBookings } from '@giliran/server';

/** A typed Socket.IO client as every Giliran screen uses it. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AnySnapshot = QueueSnapshot<PublicTicket | StaffTicket>;

/** What an event's acknowledgement carries when it succeeds. */
export type AckData<E extends ClientEventName> =
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends AckResponse<infer T> ? T : never;

export interface ConnectOptions {
  /** Let socket.io-client reconnect by itself (default false: tests say when to reconnect). */
  reconnection?: boolean;
  timeoutMs?: number;
}

export interface Connected {
  socket: ClientSocket;
  /** The snapshot received on connect. */
  snapshot: AnySnapshot | null;
  /** Every event the server sent this socket, in order, with its arguments. */
  received: { event: string; args: unknown[] }[];
}

/**
 * Connects with `{ auth }` and resolves once connected and the first snapshot has arrived. Rejects with the `connect_error` when the server refuses the handshake.
 */
export function connect(url: string, auth: HandshakeAuth, opts: ConnectOptions = {}): Promise<Connected> {
  const socket: ClientSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    autoConnect: false,
    forceNew: true,
    timeout: opts.timeoutMs ?? 5_000,
  });
  const received: Connected['received'] = [];
  socket.onAny((event: string, ...args: unknown[]) => received.push({ event, args }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('connect timed out'));
    }, opts.timeoutMs ?? 5_000);
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    const done = (snapshot: AnySnapshot | null) => {
      clearTimeout(timer);
      socket.off('connect_error');
      resolve({ socket, snapshot, received });
    };
    socket.once('queue:snapshot', (s) => done(s));
    socket.connect();
  });
}

/** Sends a command and resolves with its acknowledgement (bounded). */
export function request<E extends ClientEventName>(
  socket: ClientSocket,
  event: E,
  payload: Payload<E>,
  timeoutMs = 5_000,
): Promise<AckResponse<AckData<E>>> {
  return rawRequest(socket, event, [payload], timeoutMs) as Promise<AckResponse<AckData<E>>>;
}

/** Sends any event with any arguments plus an ack callback; for malformed payloads. */
export function rawRequest(
  socket: ClientSocket,
  event: string,
  args: unknown[],
  timeoutMs = 5_000,
): Promise<AckResponse<unknown>> {
  const raw = socket as unknown as Socket;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event} in ${timeoutMs} ms`)), timeoutMs);
    raw.emit(event, ...args, (r: AckResponse<unknown>) => {
      clearTimeout(timer);
      resolve(r);
    });
  });
}

/** Like `request` but fails the test when the ack is an error. */
export async function ok<E extends ClientEventName>(
  socket: ClientSocket,
  event: E,
  payload: Payload<E>,
): Promise<AckData<E>> {
  const r = await request(socket, event, payload);
  if (!r.ok) throw new Error(`${event} failed: ${r.error.code} ${r.error.message}`);
  return r.data;
}

/** Waits for the next `event` (optionally one matching `pred`), bounded. */
export function waitFor<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  pred: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = 3_000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  const raw = socket as unknown as {
    on(e: string, l: (...a: unknown[]) => void): void;
    off(e: string, l: (...a: unknown[]) => void): void;
  };
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]) => {
      const a = args as Parameters<ServerToClientEvents[E]>;
      if (!pred(...a)) return;
      clearTimeout(timer);
      raw.off(event, listener);
      resolve(a);
    };
    const timer = setTimeout(() => {
      raw.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    raw.on(event, listener);
  });
}

/** Waits for a call announcement (in a `queue:changes` batch) matching `pred`, bounded. */
export async function waitForCall(
  socket: ClientSocket,
  pred: (call: CallAnnouncement) => boolean,
  timeoutMs = 3_000,
): Promise<CallAnnouncement> {
  const [changes] = await waitFor(socket, 'queue:changes', (c) => c.calls.some(pred), timeoutMs);
  return changes.calls.find(pred) as CallAnnouncement;
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

/**
 * Calls the HTTP API, bounded in time; `body` strings/bytes are sent as-is (with `contentType` if
 * given), anything else as JSON.
 */
export async function api<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  opts: { token?: string | undefined; body?: unknown; contentType?: string; timeoutMs?: number } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Blob | undefined;
  if (typeof opts.body === 'string') body = opts.body;
  else if (opts.body instanceof Uint8Array) body = new Blob([new Uint8Array(opts.body)]);
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (CSV report)
  }
  return { status: res.status, body: parsed as T };
}

/**
 * POSTs JSON from a chosen loopback source address (`127.0.0.2`…), so a test or bench can be an
 * attacker and an officer at different addresses. Bounded; never rejects (status 0 on failure).
 */
export function postFrom<T = Record<string, unknown>>(
  url: string,
  path: string,
  body: unknown,
  localAddress: string,
  timeoutMs = 15_000,
): Promise<HttpResult<T> & { headers: IncomingHttpHeaders; ms: number }> {
  const t0 = performance.now();
  const data = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = httpRequest(
      `${url}${path}`,
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({
            status: res.statusCode ?? 0,
            body: parsed as T,
            headers: res.headers,
            ms: performance.now() - t0,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' as T, headers: {}, ms: performance.now() - t0 }));
    req.end(data);
  });
}

/** Officer sign-in; returns the session token. */
export async function login(url: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await api<{ token: string }>(url, 'POST', '/api/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** Pairs a new device through the admin API; returns its id (from /api/devices) and token. */
export async function pairDevice(
  url: string,
  adminToken: string,
  role: 'kiosk' | 'board' | 'survey',
  name: string,
): Promise<{ token: string; code: string }> {
  const c = await api<{ code: string }>(url, 'POST', '/api/admin/pairing-codes', {
    token: adminToken,
    body: { role, name },
  });
  if (c.status !== 200) throw new Error(`pairing code → ${c.status} ${JSON.stringify(c.body)}`);
  const p = await api<{ token: string }>(url, 'POST', '/api/pair', { body: { code: c.body.code } });
  if (p.status !== 200) throw new Error(`pair → ${p.status} ${JSON.stringify(p.body)}`);
  return { token: p.body.token, code: c.body.code };
}

/** The demo day a server seeded for `date` (office DPS), as the server generated it. */
export function demoBookings(date: string): BookingRow[] {
  return generateDemoBookings({ date, officeCode: 'DPS' });
}

/** Takes the first booking matching `pred` not yet taken (so tests don't reuse one by accident). */
export function pickBookings(
  rows: BookingRow[],
  pred: (r: BookingRow) => boolean,
  taken: Set<string>,
  count = 1,
): BookingRow[] {
  const out: BookingRow[] = [];
  for (const r of rows) {
    if (out.length === count) break;
    if (taken.has(r.booking_code) || !pred(r)) continue;
    taken.add(r.booking_code);
    out.push(r);
  }
  if (out.length < count) throw new Error(`only ${out.length} demo bookings match, wanted ${count}`);
  return out;
}

/** Closes sockets, ignoring ones already closed. */
export function closeAll(...sockets: (ClientSocket | undefined)[]): void {
  for (const s of sockets) s?.close();
}

/** Office-local date of a clock start `YYYY-MM-DDTHH:MM`. */
export const TEST_DATE = '2026-03-10';
/** Inside the 10:00 and 11:00 windows (early margin 60 min, late grace 30 min). */
export const TEST_CLOCK_START = `${TEST_DATE}T11:00`;

/** A booking checkable-in at TEST_CLOCK_START. */
export const inWindow = (r: BookingRow): boolean =>
  r.arrival_date === TEST_DATE &&
  r.office_code === 'DPS' &&
  r.payment_status === 'paid' &&
  (r.window_start === '10:00' || r.window_start === '11:00');

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a value other than undefined (bounded). */
export async function eventually<T>(
  fn: () => T | undefined,
  timeoutMs = 3_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
