/**
 * `npm run bench -- --scale [--busy] [--json FILE] [--paced-seconds 20] [--rate 20]`: the phone and
 * day-size sweep (DESIGN §9 "Scale and stress"). For each day size (2,500 / 25,000 tickets, all
 * checked in and waiting) one real server; on it, for each phone count (300 / 1,000 / 3,000), paced
 * `ticket:call` → every board, with paced check-ins (`checkin:confirm`) beside them, the longest
 * event-loop turn (perf_hooks.monitorEventLoopDelay, preloaded by loop-probe.mjs), RSS and the load
 * average. Each row also runs the bare Socket.IO + SQLite FULL commit baseline with the same phones.
 * Phones follow their tickets over Server-Sent Events from a process of their own (phone-farm.ts),
 * on the real server and on the baseline alike.
 * `--busy`: two CPU-bound processes run beside everything for the whole sweep (and are stopped), and
 * each row runs the bare baseline twice: the second run is the control (see `ScaleRow.bareControl`).
 *
 * The day is filled in-process through the queue service (the engine and the durable store, no
 * sockets) before the server starts: issuing 25,000 tickets through kiosks would measure the fill,
 * not the day. Bounded: every phase has a count and a time limit.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { seededRandom, type IssuedTicket } from '@giliran/shared';
import { clockStartingAt, createApp, loadOfficeConfig } from '@giliran/server';
import { walkIn } from '../../server/src/engine/engine.ts';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { api, login } from '../support/clients.ts';
import {
  benchBookings,
  benchDay,
  closeAll,
  command,
  connect,
  counterStage,
  officerTokens,
  pairDevices,
  percentiles,
  repoRoot,
  sampleMemory,
  sleep,
  STAGE1,
  writeBenchConfig,
  type Client,
  type Percentiles,
  bareServerListening,
} from './lib.ts';
import { paced, type PacedResult } from './paced.ts';
import { startPhoneFarm } from './phone-farm.ts';

export interface ScaleOptions {
  phones: number[];
  tickets: number[];
  counters: number;
  boards: number;
  kiosks: number;
  rate: number;
  pacedSeconds: number;
  /** Paced check-ins per second during each row (their confirm latency is reported). */
  checkinRate: number;
  busy: boolean;
  log: (...a: unknown[]) => void;
  children: Set<ChildProcess>;
}

export interface ScaleRow {
  phones: number;
  tickets: number;
  callToBoardMs: { p50: number; p95: number; p99: number; max: number; n: number };
  bareMs: { p50: number; p95: number; p99: number; max: number; n: number };
  ratioP99: number;
  /**
   * `--busy` only: a second bare server, run after the first, compared with it as ours is. A busy
   * machine's stalls (a commit waiting a second for the CPU or the disk) land on either run at
   * random; this control shows how often the baseline misses its own 2× with no code of ours.
   */
  bareControl?: { ms: ScaleRow['bareMs']; ratioP99: number };
  checkinConfirmMs: { p50: number; p99: number; max: number; n: number };
  missingCalls: { real: number; bare: number };
  /** Paced slots skipped because every counter still waited for an acknowledgement (a slow server). */
  skippedCalls: { real: number; bare: number };
  longestLoopDelayMs: { real: number | null; bare: number | null };
  loopDelayP99Ms: number | null;
  serverRssMb: number;
  /** The server's V8 heap at the end of the row: in use, and reserved (MB). */
  serverHeapMb: { used: number; total: number } | null;
  loadAverage1m: { before: number; after: number; bareAfter: number };
  phoneConnectFailures: number;
  /** `track` events all phones received per second during the row; the bare server sends as many. */
  phoneFramesPerSecond: number;
  /** The same on the bare baseline (the check that it carried as many). */
  barePhoneFramesPerSecond: number;
  /** Phone streams still open at the end of the paced phase (a stream the server ended is not). */
  phonesOpen: { real: number; bare: number };
  /** Longest event-loop turn of the measuring process itself (phones live in their own process). */
  benchLoopMaxMs: number;
}

const probe = join(repoRoot, 'tests/bench/loop-probe.mjs');
const round1 = (v: number) => Math.round(v * 10) / 10;
const load1 = () => round1(loadavg()[0] as number);
const ratio = (p99: number, bareP99: number) => Math.round((p99 / bareP99) * 100) / 100;

interface ProbeReading {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** At the moment of the signal: V8 heap in use and reserved, and RSS (MB). */
  memoryMb: { rss: number; heapUsed: number; heapTotal: number };
}

/** What the preloaded probe saw since the previous signal (null if it did not answer). */
async function loopDelay(pid: number, file: string): Promise<ProbeReading | null> {
  rmSync(file, { force: true });
  try {
    process.kill(pid, 'SIGUSR2');
  } catch {
    return null;
  }
  for (let i = 0; i < 200 && !existsSync(file); i++) await sleep(10);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ProbeReading;
  } catch {
    return null;
  }
}

/** Fills the day in-process: `count` walk-ins, all waiting at stage 1; returns their track tokens. */
async function fillDay(dir: string, configPath: string, day: string, count: number): Promise<string[]> {
  const config = loadOfficeConfig(configPath);
  const app = createApp({
    config,
    dataDir: join(dir, 'data'),
    clock: clockStartingAt(`${day}T09:30`, config.office.timeZone),
    printer: null,
  });
  const rand = seededRandom(14);
  try {
    for (let i = 0; i < count; i += 500) {
      const batch = Array.from({ length: Math.min(500, count - i) }, () =>
        app.service.execute('bench-fill', (s, ctx) =>
          walkIn(s, rand() < 0.25 ? 'prioritas' : 'percepatan', ctx),
        ),
      );
      await Promise.all(batch);
    }
    // Phones follow the tickets issued last: they stay waiting (and move) through every row.
    return [...app.service.state.tickets.values()]
      .filter((t) => t.status === 'waiting')
      .sort((a, b) => b.checkedInAt - a.checkedInAt)
      .map((t) => t.trackToken);
  } finally {
    await app.close();
  }
}

interface DayRig {
  server: ServerProcess;
  counters: Client[];
  boards: Client[];
  kiosks: Client[];
  bookingCodes: string[];
  tokens: string[];
  probeFile: string;
}

async function startDay(
  o: ScaleOptions,
  dir: string,
  tickets: number,
  spareBookings: number,
): Promise<DayRig> {
  const configPath = writeBenchConfig(dir, o.counters);
  const day = benchDay();
  o.log(`scale: filling a day of ${tickets} tickets…`);
  const tokens = await fillDay(dir, configPath, day, tickets);
  const probeFile = join(dir, 'loop.json');
  // The probe rides on the server's Node flags (startServerProcess passes GILIRAN_SERVER_NODE_ARGS,
  // e.g. --cpu-prof, to the built server): without it the probe's SIGUSR2 would end the server.
  const userArgs = process.env.GILIRAN_SERVER_NODE_ARGS;
  process.env.GILIRAN_SERVER_NODE_ARGS = [userArgs ?? '', `--import=${probe}`].join(' ').trim();
  let server: ServerProcess;
  try {
    server = await startServerProcess(
      {
        entry: 'built',
        dataDir: join(dir, 'data'),
        clockStart: `${day}T09:30`,
        env: {
          GILIRAN_CONFIG: configPath,
          GILIRAN_DEMO_PRINTER: 'tcp://127.0.0.1:9',
          GILIRAN_LOOP_PROBE_FILE: probeFile,
        },
      },
      60_000,
    );
  } finally {
    if (userArgs === undefined) delete process.env.GILIRAN_SERVER_NODE_ARGS;
    else process.env.GILIRAN_SERVER_NODE_ARGS = userArgs;
  }
  o.children.add(server.child);
  const admin = await login(server.url, 'admin');
  const rows = benchBookings(day, spareBookings);
  const imp = await api(server.url, 'POST', '/api/admin/bookings/import', {
    token: admin,
    body: JSON.stringify(rows),
    contentType: 'application/json',
    timeoutMs: 60_000,
  });
  if (imp.status !== 200) throw new Error(`import failed: ${imp.status} ${JSON.stringify(imp.body)}`);
  const officers = await officerTokens(server.url, admin, o.counters);
  const boardTokens = await pairDevices(server.url, admin, 'board', o.boards);
  const kioskTokens = await pairDevices(server.url, admin, 'kiosk', o.kiosks);
  // One at a time, with room: on a big day each screen's snapshot is large, and a storm of them is
  // not what this sweep measures.
  const one = async (token: string) => connect(server.url, { token }, { timeoutMs: 60_000 });
  const counters: Client[] = [];
  for (const token of officers) counters.push(await one(token));
  for (const [i, c] of counters.entries()) {
    const r = await command(c, 'counter:open', {
      counterId: `loket-${i + 1}`,
      stages: [counterStage(i, o.counters)],
    });
    if (!r.ok) throw new Error(`counter:open loket-${i + 1}: ${JSON.stringify(r.error)}`);
  }
  const boards: Client[] = [];
  for (const token of boardTokens) boards.push(await one(token));
  const kiosks: Client[] = [];
  for (const token of kioskTokens) kiosks.push(await one(token));
  return {
    server,
    counters,
    boards,
    kiosks,
    bookingCodes: rows.map((r) => r.booking_code),
    tokens,
    probeFile,
  };
}

/** Check-ins at `rate`/s from the kiosks round-robin until `stop()`; their ack latencies. */
function pacedCheckins(
  kiosks: Client[],
  codes: string[],
  rate: number,
): { stop(): Promise<{ latencies: number[]; refused: number }> } {
  const latencies: number[] = [];
  let refused = 0;
  let running = true;
  const pending: Promise<void>[] = [];
  const loop = (async () => {
    const start = performance.now();
    for (let i = 0; running && codes.length; i++) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      const code = codes.shift() as string;
      const kiosk = kiosks[i % kiosks.length] as Client;
      pending.push(
        (async () => {
          const t0 = performance.now();
          const r = await command<{ tickets: IssuedTicket[] }>(
            kiosk,
            'checkin:confirm',
            { bookingCodes: [code] },
            5_000,
          );
          if (r.ok) latencies.push(performance.now() - t0);
          else refused++;
        })(),
      );
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await Promise.all(pending);
      return { latencies, refused };
    },
  };
}

async function bareRow(
  o: ScaleOptions,
  phonesN: number,
  frames: PacedResult['frames'],
  track: { bytes: number; perSecond: number },
): Promise<{ result: PacedResult; loopMaxMs: number | null; phonesOpen: number }> {
  const dir = makeTempDir('bench-bare');
  process.on('exit', () => removeTempDir(dir));
  const port = await freePort();
  const probeFile = join(dir, 'loop.json');
  const child = spawn(
    process.execPath,
    [`--import=${probe}`, '--import', 'tsx', join(repoRoot, 'tests/bench/bare-server.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        BARE_FRAMES: JSON.stringify(frames),
        BARE_TRACK_BYTES: String(track.bytes),
        BARE_TRACK_PER_SECOND: String(track.perSecond),
        BARE_SQLITE_DIR: dir,
        GILIRAN_LOOP_PROBE_FILE: probeFile,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  o.children.add(child);
  const clients: Client[] = [];
  const farm = startPhoneFarm();
  o.children.add(farm.child);
  try {
    await bareServerListening(child);
    const url = `http://127.0.0.1:${port}`;
    const many = (n: number, role: string) =>
      Promise.all(Array.from({ length: n }, () => connect(url, { role })));
    const counters = await many(o.counters, 'counter');
    const boards = await many(o.boards, 'board');
    const kiosks = await many(o.kiosks, 'kiosk');
    clients.push(...counters, ...boards, ...kiosks);
    const { failures } = await farm.connect(url, phonesN, ['bare']);
    if (failures) o.log(`scale: ${failures} phones could not follow the bare server`);
    await sleep(2_000);
    await loopDelay(child.pid as number, probeFile); // starts the probe's window here
    // The same durable work as the real row: a complete after each call, check-ins beside.
    const checkins = pacedCheckins(
      kiosks,
      Array.from({ length: Math.ceil(o.checkinRate * o.pacedSeconds) + 20 }, (_, i) => `BARE${i}`),
      o.checkinRate,
    );
    const result = await paced(
      counters.slice(0, Math.ceil(o.counters / 2)),
      boards,
      farm,
      (c) => command(c, 'ticket:complete', {}),
      o,
    );
    const { open } = await farm.count();
    await checkins.stop();
    const loop = await loopDelay(child.pid as number, probeFile);
    return { result, loopMaxMs: loop?.maxMs ?? null, phonesOpen: open };
  } finally {
    await farm.close();
    closeAll(clients);
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    removeTempDir(dir);
  }
}

/** Two CPU-bound processes (a busy machine: another app, a backup compressing); stopped after. */
function startBusy(children: Set<ChildProcess>): () => void {
  const procs = [0, 1].map(() => {
    const p = spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random());'], { stdio: 'ignore' });
    children.add(p);
    return p;
  });
  return () => {
    for (const p of procs) p.kill('SIGKILL');
  };
}

export async function runScaleSweep(
  o: ScaleOptions,
): Promise<{ rows: ScaleRow[]; seconds: number; busy: boolean }> {
  const t0 = performance.now();
  execFileSync('npm', ['run', 'build', '--workspace', 'server'], { cwd: repoRoot, stdio: 'ignore' });
  const stopBusy = o.busy ? startBusy(o.children) : () => {};
  const rows: ScaleRow[] = [];
  try {
    if (o.busy) await sleep(3_000); // let the load average start to show it
    for (const tickets of o.tickets) {
      const dir = makeTempDir('bench-scale');
      process.on('exit', () => removeTempDir(dir)); // also when the run is stopped midway
      const checkinsPerRow = Math.ceil(o.checkinRate * o.pacedSeconds) + 20;
      const rig = await startDay(o, dir, tickets, checkinsPerRow * o.phones.length);
      const pid = rig.server.child.pid as number;
      const codes = [...rig.bookingCodes];
      try {
        const stage1 = rig.counters.filter((_, i) => counterStage(i, o.counters) === STAGE1);
        for (const phonesN of o.phones) {
          const before = load1();
          o.log(`scale: ${tickets} tickets, ${phonesN} phones (load ${before})…`);
          const farm = startPhoneFarm();
          o.children.add(farm.child);
          const { failures } = await farm.connect(rig.server.url, phonesN, rig.tokens);
          await sleep(2_000);
          await farm.count(); // phone frames are counted from here
          const framesFrom = performance.now();
          await loopDelay(pid, rig.probeFile); // starts the probe's window here
          const mem = sampleMemory(pid);
          const checkins = pacedCheckins(rig.kiosks, codes, o.checkinRate);
          const benchLoop = monitorEventLoopDelay({ resolution: 1 });
          benchLoop.enable();
          const real = await paced(stage1, rig.boards, null, (c) => command(c, 'ticket:complete', {}), o);
          const phoneFrames = await farm.count();
          const frameSeconds = (performance.now() - framesFrom) / 1000;
          const ci = await checkins.stop();
          benchLoop.disable();
          const loop = await loopDelay(pid, rig.probeFile);
          const m = mem.stop();
          const after = load1();
          await farm.close();
          await sleep(1_000);
          const phoneFramesPerSecond = Math.round(phoneFrames.frames / frameSeconds);
          const track = { bytes: phoneFrames.trackBytes, perSecond: phoneFramesPerSecond };
          const bare = await bareRow(o, phonesN, real.frames, track);
          const control = o.busy ? await bareRow(o, phonesN, real.frames, track) : null;
          const ciP: Percentiles = percentiles(ci.latencies);
          const row: ScaleRow = {
            phones: phonesN,
            tickets,
            callToBoardMs: real.latency,
            bareMs: bare.result.latency,
            ratioP99: ratio(real.latency.p99, bare.result.latency.p99),
            ...(control && {
              bareControl: {
                ms: control.result.latency,
                ratioP99: ratio(control.result.latency.p99, bare.result.latency.p99),
              },
            }),
            checkinConfirmMs: { p50: ciP.p50, p99: ciP.p99, max: ciP.max, n: ciP.n },
            missingCalls: { real: real.missing, bare: bare.result.missing },
            skippedCalls: { real: real.skipped, bare: bare.result.skipped },
            longestLoopDelayMs: { real: loop?.maxMs ?? null, bare: bare.loopMaxMs },
            loopDelayP99Ms: loop?.p99Ms ?? null,
            serverRssMb: m.rssMb,
            serverHeapMb: loop ? { used: loop.memoryMb.heapUsed, total: loop.memoryMb.heapTotal } : null,
            loadAverage1m: { before, after, bareAfter: load1() },
            phoneConnectFailures: failures,
            phoneFramesPerSecond,
            barePhoneFramesPerSecond: bare.result.trackPerSecond,
            phonesOpen: { real: phoneFrames.open, bare: bare.phonesOpen },
            benchLoopMaxMs: Math.round(benchLoop.max / 1e5) / 10,
          };
          if (ci.refused) o.log(`scale: ${ci.refused} check-ins refused`);
          o.log('scale row', JSON.stringify(row));
          rows.push(row);
        }
      } finally {
        closeAll([...rig.counters, ...rig.boards, ...rig.kiosks]);
        // e.g. GILIRAN_SERVER_NODE_ARGS=--trace-gc GILIRAN_BENCH_SERVER_LOG=gc.log: the GC pauses of the day.
        const serverLog = process.env.GILIRAN_BENCH_SERVER_LOG;
        if (serverLog) writeFileSync(`${serverLog}.${tickets}`, rig.server.output.join('\n'));
        await rig.server.stop(process.env.GILIRAN_SERVER_NODE_ARGS ? 'SIGTERM' : 'SIGKILL'); // SIGTERM lets a profiled server write its profile
        removeTempDir(dir);
      }
    }
  } finally {
    stopBusy();
  }
  return { rows, seconds: Math.round((performance.now() - t0) / 1000), busy: o.busy };
}

/** The sweep as one table: each row beside its bare baseline of the same run. */
export function scaleTable(r: { rows: ScaleRow[]; seconds: number; busy: boolean }): string {
  const head = [
    'phones',
    'tickets',
    'call p50',
    'call p99',
    'bare p99',
    'ratio',
    ...(r.busy ? ['bare again p99', 'its ratio'] : []),
    'checkin p99',
    'loop max',
    'bare loop',
    'RSS MB',
    'phone fr/s',
    'bench loop',
    'load 1m',
    'meets',
  ];
  const lines = [head];
  for (const x of r.rows) {
    const ok =
      x.callToBoardMs.p99 <= 10 &&
      x.ratioP99 <= 2 &&
      x.checkinConfirmMs.p99 <= 20 &&
      (x.longestLoopDelayMs.real ?? Infinity) <= 20 &&
      x.serverRssMb <= 150 &&
      x.missingCalls.real === 0 &&
      x.skippedCalls.real === 0;
    lines.push([
      String(x.phones),
      String(x.tickets),
      `${x.callToBoardMs.p50}`,
      `${x.callToBoardMs.p99}`,
      `${x.bareMs.p99}`,
      `${x.ratioP99}×`,
      ...(r.busy ? [`${x.bareControl?.ms.p99 ?? '?'}`, `${x.bareControl?.ratioP99 ?? '?'}×`] : []),
      `${x.checkinConfirmMs.p99}`,
      `${x.longestLoopDelayMs.real ?? '?'}`,
      `${x.longestLoopDelayMs.bare ?? '?'}`,
      `${x.serverRssMb}`,
      `${x.phoneFramesPerSecond}`,
      `${x.benchLoopMaxMs}`,
      `${x.loadAverage1m.before}→${x.loadAverage1m.after}`,
      r.busy ? (x.ratioP99 <= 2 ? 'ok' : 'SHORT') : ok ? 'ok' : 'SHORT',
    ]);
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => (l[i] as string).length)));
  const text = lines.map((l) => l.map((c, i) => c.padStart(widths[i] as number)).join('  ')).join('\n');
  return (
    `\nscale sweep${r.busy ? ' with two CPU-bound processes beside (--busy: target ratio ≤ 2×; "bare again" is a second bare run, compared with the first as ours is)' : ''}, ` +
    `ms unless noted; targets: call p99 ≤ 10 and ≤ 2× bare+SQLite, check-in p99 ≤ 20, loop max ≤ 20, ` +
    `RSS ≤ 150 MB; ${r.seconds} s\n${text}`
  );
}
