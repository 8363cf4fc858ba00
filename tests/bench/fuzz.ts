/**
 * Fuzzing of the real-time contract: every client event from every role with malformed payloads
 * (wrong types, missing and extra fields, huge strings, prototype-pollution keys, odd unicode,
 * negative/NaN numbers, binary). Each must be answered with an error and change nothing.
 * `fault-fuzz.test.ts` runs ~1000 payloads; `npm run bench -- --fuzz` runs the long version.
 * The HTTP routes are fuzzed by `fuzz-http.ts`, with these generators.
 */
import { createHash } from 'node:crypto';
import { payloadSchemas, type ClientEventName, seededRandom } from '@giliran/shared';
import type { App } from '@giliran/server';
import { VALID_PAYLOADS } from '../support/valid-payloads.ts';
import { login } from '../support/clients.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { closeAll, command, connect, startSeededApp, type Client } from './lib.ts';

export const EVENTS = Object.keys(payloadSchemas) as ClientEventName[];

export const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

/** One hostile value: wrong types, NaN-like numbers, huge or odd strings, pollution-shaped objects. */
export function atom(r: () => number): unknown {
  const atoms: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => true,
    () => 0,
    () => -1,
    () => -1e308,
    () => NaN,
    () => Infinity,
    () => 2 ** 53 + 1,
    () => '',
    () => ' ',
    // Far over every schema's limit, yet under the server's 16 KB frame limit: a larger frame is
    // refused by closing the connection, unparsed (server-security.test.ts), not answered.
    () => 'x'.repeat(12_000),
    () => '\u0000\u0001\u001f',
    () => '😀'.repeat(500),
    () => '\ud800\udfff\ud800',
    () => 'Ñuñez ‮evil‬ ﷽',
    () => "'; DROP TABLE tickets; --",
    () => '../../../etc/passwd',
    () => '__proto__',
    () => [],
    () => [[[[[]]]]],
    () => Array.from({ length: 1000 }, (_, i) => i),
    () => ({}),
    () => JSON.parse('{"__proto__":{"polluted":"yes"}}') as unknown,
    () => ({ constructor: { prototype: { polluted: 'yes' } } }),
    () => Buffer.from([0xff, 0xfe, 0x00, 0x01]),
    () => ({ toString: 'x', valueOf: 'y', hasOwnProperty: 'z' }),
  ];
  return pick(r, atoms)();
}

/** A payload for `event` that its schema rejects (checked after the wire's JSON round trip). */
export function malformed(event: ClientEventName, r: () => number): unknown {
  return malformedFor(payloadSchemas[event], VALID_PAYLOADS[event], r);
}

/**
 * `valid` broken at random (a field replaced, removed or added, pollution keys, or a bare value)
 * until `schema` rejects it as it arrives over JSON; used for socket payloads and HTTP bodies.
 */
export function malformedFor(
  schema: { safeParse(v: unknown): { success: boolean } },
  valid: object,
  r: () => number,
): unknown {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base: Record<string, unknown> = { ...valid };
    const keys = Object.keys(base);
    const roll = r();
    let p: unknown;
    if (roll < 0.2) p = atom(r);
    else if (roll < 0.45 && keys.length) {
      base[pick(r, keys)] = atom(r);
      p = base;
    } else if (roll < 0.6 && keys.length) {
      delete base[pick(r, keys)];
      p = base;
    } else if (roll < 0.8) {
      // An own key, as JSON.parse makes it on the server (not the __proto__ setter).
      Object.defineProperty(
        base,
        pick(r, ['__proto__', 'constructor', 'prototype', 'extra', 'lang', '💥', '']),
        {
          value: atom(r),
          enumerable: true,
          writable: true,
          configurable: true,
        },
      );
      p = base;
    } else {
      p = Object.assign(JSON.parse('{"__proto__":{"polluted":"yes"},"isAdmin":true}') as object, base);
    }
    const wire = p === undefined ? undefined : (JSON.parse(JSON.stringify(p) ?? 'null') as unknown);
    // socket.io rebuilds binary attachments by assignment, so an own `__proto__` holding a Buffer
    // arrives as a prototype, not a key: the payload the server sees is the one without it.
    const stripped =
      wire && typeof wire === 'object' && !Array.isArray(wire)
        ? Object.fromEntries(Object.entries(wire).filter(([k]) => k !== '__proto__'))
        : wire;
    if (!schema.safeParse(wire).success && !schema.safeParse(stripped).success) return p;
  }
  return 'not-an-object';
}

export interface FuzzReport {
  sent: number;
  answeredWithError: number;
  accepted: string[];
  unanswered: string[];
  codes: Record<string, number>;
}

/** Sends `count` malformed commands spread over every event and every connected role. */
export async function fuzzSockets(
  sockets: { role: string; socket: Client }[],
  count: number,
  seed = 1,
): Promise<FuzzReport> {
  const r = seededRandom(seed);
  const report: FuzzReport = { sent: 0, answeredWithError: 0, accepted: [], unanswered: [], codes: {} };
  const batch = 25;
  for (let i = 0; i < count; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, async () => {
        const { role, socket } = pick(r, sockets);
        const event = r() < 0.03 ? 'no:such-event' : pick(r, EVENTS);
        const payload = event === 'no:such-event' ? {} : malformed(event, r);
        report.sent++;
        const ack = await command(socket, event, payload, 10_000);
        const where = `${role} ${event} ${JSON.stringify(payload)?.slice(0, 80)}`;
        if (ack.ok) report.accepted.push(where);
        else if ((ack.error.code as string) === 'timeout') report.unanswered.push(where);
        else {
          report.answeredWithError++;
          report.codes[ack.error.code] = (report.codes[ack.error.code] ?? 0) + 1;
        }
      }),
    );
  }
  return report;
}

export interface FuzzRig {
  app: App;
  url: string;
  sockets: { role: string; socket: Client }[];
  /** The bearer token of each signed-in role (officers' sessions, demo devices). */
  tokens: Record<'kiosk' | 'board' | 'survey' | 'counter' | 'supervisor' | 'admin', string>;
  /**
   * The tracking token of the walk-in ticket the rig issued (still waiting). Phones are not
   * Socket.IO clients: they follow it over HTTP (`fuzz-http.ts` fuzzes those routes).
   */
  trackToken: string;
  close(): Promise<void>;
}

/** An in-process server (demo day seeded) with one Socket.IO client of every role connected. */
export async function fuzzRig(): Promise<FuzzRig> {
  const dir = makeTempDir('fuzz');
  const { app, url } = await startSeededApp(dir);
  const tokens = {
    kiosk: 'demo-kiosk-1',
    board: 'demo-board-1',
    survey: 'demo-survey-1',
    counter: await login(url, 'petugas1'),
    supervisor: await login(url, 'supervisor'),
    admin: await login(url, 'admin'),
  };
  const counter = await connect(url, { token: tokens.counter });
  await command(counter, 'counter:open', { counterId: 'loket-1' });
  const walkin = await connect(url, { token: tokens.kiosk });
  const issued = await command<{ tickets: { print: { trackingUrl: string } }[] }>(walkin, 'ticket:walkin', {
    serviceId: 'percepatan',
  });
  const track = issued.ok ? (issued.data.tickets[0]?.print.trackingUrl.split('/t/')[1] ?? 'x') : 'x';
  const sockets = [
    { role: 'kiosk', socket: walkin },
    { role: 'board', socket: await connect(url, { token: tokens.board }) },
    { role: 'counter', socket: counter },
    { role: 'supervisor', socket: await connect(url, { token: tokens.supervisor }) },
    { role: 'admin', socket: await connect(url, { token: tokens.admin }) },
    { role: 'survey', socket: await connect(url, { token: tokens.survey }) },
  ];
  return {
    app,
    url,
    sockets,
    tokens,
    trackToken: track,
    close: async () => {
      closeAll(sockets.map((s) => s.socket));
      await app.close();
      removeTempDir(dir);
    },
  };
}

/**
 * What must not change under fuzzing: the queue in memory, and on disk the rows and contents of
 * bookings, users, devices (revocation included, not `last_seen`), pairing codes and sessions.
 */
export function queueFingerprint(app: App): string {
  const s = app.service.state;
  const rows = app.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM tickets) t, (SELECT COUNT(*) FROM counters) c,
        (SELECT COUNT(*) FROM bookings) b, (SELECT COUNT(*) FROM users) u, (SELECT COUNT(*) FROM devices) d,
        (SELECT COUNT(*) FROM pairing_codes) p, (SELECT COUNT(*) FROM sessions) s`,
    )
    .get();
  const digest = createHash('sha256');
  for (const sql of [
    'SELECT * FROM bookings ORDER BY code',
    'SELECT * FROM users ORDER BY username',
    'SELECT id, name, role, token_hash, printer_uri, revoked_at FROM devices ORDER BY id',
    'SELECT * FROM pairing_codes ORDER BY code_hash',
  ])
    digest.update(JSON.stringify(app.db.prepare(sql).all()));
  return JSON.stringify({
    tickets: [...s.tickets.values()],
    counters: [...s.counters.values()],
    seq: [...s.nextSeq.entries()],
    rows,
    contents: digest.digest('hex'),
  });
}

/** The long version for `npm run bench -- --fuzz`. */
export async function runFuzzServer(opts: {
  payloads: number;
  log?: (...a: unknown[]) => void;
}): Promise<FuzzReport & { stateUnchanged: boolean; seconds: number; prototypePolluted: boolean }> {
  const rig = await fuzzRig();
  try {
    const before = queueFingerprint(rig.app);
    const t0 = performance.now();
    const report = await fuzzSockets(rig.sockets, opts.payloads, 7);
    const seconds = Math.round((performance.now() - t0) / 10) / 100;
    const stateUnchanged = queueFingerprint(rig.app) === before;
    const prototypePolluted = 'polluted' in ({} as Record<string, unknown>);
    opts.log?.('fuzz', { sent: report.sent, errors: report.answeredWithError, seconds, stateUnchanged });
    return {
      ...report,
      accepted: report.accepted.slice(0, 20),
      unanswered: report.unanswered.slice(0, 20),
      stateUnchanged,
      seconds,
      prototypePolluted,
    };
  } finally {
    await rig.close();
  }
}
