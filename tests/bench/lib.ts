/**
 * Helpers shared by the benchmark (`run.ts`), the crash test (`crash.ts`) and the fault tests:
 * real Socket.IO clients on loopback, bounded acknowledged commands, set-up of officers, devices,
 * counters and bookings over the public HTTP API, percentiles and /proc memory sampling.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  officeDay,
  type AckResponse,
  type BookingRow,
  type IssuedTicket,
  type RateLimits,
} from '@giliran/shared';
import {
  clockStartingAt,
  createApp,
  DEFAULT_CONFIG_PATH,
  generateDemoBookings,
  loadOfficeConfig,
  DEMO_PASSWORD,
  seedDemo,
  type App,
} from '@giliran/server';
import { api, login } from '../support/clients.ts';
import { sleep, type Client } from './socket-client.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const TIME_ZONE = 'Asia/Makassar';

export { command, connect, sleep, type Client } from './socket-client.ts';

export function errorCode(r: AckResponse<unknown>): string | null {
  return r.ok ? null : r.error.code;
}

/** Creates counter officers `bench01…` (idempotent: an existing user is fine) and signs them in. */
export async function officerTokens(url: string, adminToken: string, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `bench${String(i + 1).padStart(2, '0')}`);
  const tokens: string[] = [];
  for (const username of names) {
    const r = await api(url, 'POST', '/api/admin/users', {
      token: adminToken,
      body: { username, displayName: `Bench ${username}`, password: DEMO_PASSWORD, role: 'counter' },
    });
    if (r.status !== 200 && r.status !== 409 && r.status !== 400)
      throw new Error(`create ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    tokens.push(await login(url, username));
  }
  return tokens;
}

/** Pairs `count` devices of a role over the admin API (pairing code → device token). */
export async function pairDevices(
  url: string,
  adminToken: string,
  role: 'kiosk' | 'board',
  count: number,
): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const code = await api<{ code: string }>(url, 'POST', '/api/admin/pairing-codes', {
      token: adminToken,
      body: { role, name: `Bench ${role} ${i + 1}` },
    });
    if (code.status !== 200) throw new Error(`pairing code: ${code.status} ${JSON.stringify(code.body)}`);
    const paired = await api<{ token: string }>(url, 'POST', '/api/pair', {
      body: { code: code.body.code },
    });
    if (paired.status !== 200) throw new Error(`pair: ${paired.status} ${JSON.stringify(paired.body)}`);
    tokens.push(paired.body.token);
  }
  return tokens;
}

/** The two counter stages every bench applicant goes through (route of mpaspor/prioritas/percepatan). */
export const STAGE1 = 'verifikasi';
export const STAGE2 = 'foto';

/**
 * The load, fault and crash runs act as hundreds of applicants a minute per kiosk (some 200× an
 * office's peak), so their kiosks get per-kiosk limits to match; the limits against guessing
 * passwords and codes stay the office's. Everything else runs with the office defaults.
 */
export function withLoadLimits<T extends { policy: { rateLimits: RateLimits } }>(config: T): T {
  const flood = { max: 10_000, perSeconds: 1 };
  config.policy.rateLimits = {
    ...config.policy.rateLimits,
    nikLookupsPerKiosk: flood,
    bookingCodeLookupsPerKiosk: flood,
    ticketsPerKiosk: flood,
    staffCallsPerDevice: flood,
  };
  return config;
}

type ConfigJson = {
  counters: { id: string; number: number; stages: string[] }[];
  policy: { rateLimits: RateLimits };
};

/** Writes the Denpasar config with load limits (and `edit` applied) to `dir`; returns its path. */
export function writeLoadConfig(dir: string, edit: (c: ConfigJson) => void = () => {}): string {
  const config = withLoadLimits(
    JSON.parse(readFileSync(join(repoRoot, 'server/config/denpasar.json'), 'utf8')) as ConfigJson,
  );
  edit(config);
  const path = join(dir, 'load-office.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

/**
 * Writes a bench office config derived from the Denpasar one with `counters` counters: the first
 * half call `verifikasi`, the rest `foto`; the last one also serves bap/pengambilan/informasi so
 * every configured stage has a counter. With load limits; with `centralUrl`, the office ships its
 * outbox there.
 */
export function writeBenchConfig(dir: string, counters: number, centralUrl?: string): string {
  const base = withLoadLimits(
    JSON.parse(readFileSync(join(repoRoot, 'server/config/denpasar.json'), 'utf8')) as {
      counters: { id: string; number: number; stages: string[] }[];
      policy: { rateLimits: RateLimits };
      central?: { url: string };
    },
  );
  if (centralUrl) base.central = { url: centralUrl };
  const half = Math.ceil(counters / 2);
  base.counters = Array.from({ length: counters }, (_, i) => ({
    id: `loket-${i + 1}`,
    number: i + 1,
    stages: i === counters - 1 ? [STAGE2, 'bap', 'pengambilan', 'informasi'] : i < half ? [STAGE1] : [STAGE2],
  }));
  const path = join(dir, 'bench-office.json');
  writeFileSync(path, JSON.stringify(base, null, 2));
  return path;
}

/** Stage a counter opens with (its configured first stage). */
export function counterStage(index: number, counters: number): string {
  return index < Math.ceil(counters / 2) ? STAGE1 : STAGE2;
}

/** Today in the office, and a clock start inside the bench bookings' window. */
export function benchDay(): string {
  return officeDay(Date.now(), TIME_ZONE);
}

/** `count` paid bookings for `date` at DPS, window 09:00–11:00, one account each, codes `BN…`. */
export function benchBookings(date: string, count: number): BookingRow[] {
  // The demo generator's NIK serials have four digits: reuse its first 9,000 people beyond that.
  const people = generateDemoBookings({ date, officeCode: 'DPS', count: Math.min(count, 9_000) });
  return Array.from({ length: count }, (_, i) => ({
    ...(people[i % people.length] as BookingRow),
    booking_code: `BN${String(i + 1).padStart(6, '0')}`,
    office_code: 'DPS',
    arrival_date: date,
    window_start: '09:00',
    window_end: '11:00',
    payment_status: 'paid',
    account_id: `BENCH${String(i + 1).padStart(6, '0')}`,
  }));
}

export function trackToken(t: IssuedTicket): string {
  return t.print.trackingUrl.slice(t.print.trackingUrl.lastIndexOf('/') + 1);
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

export function percentiles(values: number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    s.length ? (s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number) : NaN;
  const round = (v: number) => Math.round(v * 100) / 100;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(at(1)), n: s.length };
}

/** Samples VmRSS / VmHWM of a process from /proc (Linux); `stop()` returns the peaks in MB. */
export function sampleMemory(pid: number, everyMs = 100): { stop(): { rssMb: number; hwmMb: number } } {
  let rss = 0;
  let hwm = 0;
  const read = () => {
    try {
      const text = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
      rss = Math.max(rss, kb('VmRSS'));
      hwm = Math.max(hwm, kb('VmHWM'));
    } catch {
      // process gone
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop: () => {
      read();
      clearInterval(timer);
      return { rssMb: Math.round(rss / 102.4) / 10, hwmMb: Math.round(hwm / 102.4) / 10 };
    },
  };
}

export function rssMb(pid: number): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0) / 1024;
}

/** Closes clients, never waiting on a dead server. */
export function closeAll(sockets: Iterable<Client>): void {
  for (const s of sockets) s.close();
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * An in-process office server in `dir` on a free port, demo day seeded, its clock at 09:30, with
 * load limits (the fault and fuzz rigs issue many tickets from one kiosk).
 */
export async function startSeededApp(dir: string): Promise<{ app: App; url: string }> {
  const config = withLoadLimits(loadOfficeConfig(DEFAULT_CONFIG_PATH));
  const app = createApp({
    config,
    dataDir: dir,
    clock: clockStartingAt(`${benchDay()}T09:30`, config.office.timeZone),
    printer: null,
  });
  await seedDemo(app, { kioskPrinterUri: null });
  const port = await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${port}` };
}

/** Resolves once the bare baseline server (bare-server.ts) child says it is listening; fails after 20 s or if it exits. */
export function bareServerListening(child: ChildProcess): Promise<void> {
  return new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('bare server did not start')), 20_000);
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('listening')) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', () => fail(new Error('bare server exited')));
  });
}
