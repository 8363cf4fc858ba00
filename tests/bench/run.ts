/**
 * `npm run bench -- [--quick] [--json FILE] [--counters 30 --boards 12 --kiosks 8 --phones 300
 * --applicants 2500 --rate 20 --paced-seconds 30] [--crash [--rounds 20]] [--fuzz [--payloads 20000]]
 * [--central]`
 * `npm run bench -- --scale [--busy] [--quick] [--json FILE] [--scale-phones 300,1000,3000]
 * [--scale-tickets 2500,25000]`: the phone × day-size sweep (scale.ts).
 * `npm run bench -- --simulate [--json FILE]`: only the day simulator's speed (also in every run's JSON).
 *
 * Measures the DESIGN §9 figures against a real server process on loopback with real Socket.IO
 * clients and phones following their tickets over Server-Sent Events (in a child process,
 * phone-farm.ts): (a) a closed-loop day replay (check-in → call → recalls/no-shows → start → transfer →
 * call → start → complete), (b) paced `ticket:call` → every board has the call, (c) the same
 * measurement against a bare Socket.IO server in a child process, (d) the server's peak RSS.
 * With `--fuzz`, then `--payloads` malformed socket commands and as many fuzzed HTTP requests
 * (every route × every role) against an in-process server.
 * With `--central`, then a second office server that ships its outbox to a central service (on a
 * throwaway PostgreSQL): the same day replay and paced calls with the shipper running, then again
 * with central killed (the shipper failing and backing off); reported under `central`.
 * Every loop is bounded in count and time; children are killed on exit.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom, type CounterActionResult, type IssuedTicket } from '@giliran/shared';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import {
  benchBookings,
  benchDay,
  closeAll,
  command,
  connect,
  counterStage,
  officerTokens,
  pairDevices,
  repoRoot,
  rssMb,
  sampleMemory,
  sleep,
  STAGE1,
  trackToken,
  writeBenchConfig,
  type Client,
  type Percentiles,
  bareServerListening,
} from './lib.ts';
import { api, login } from '../support/clients.ts';
import { paced, type PacedResult } from './paced.ts';
import { startPhoneFarm, type PhoneFarm } from './phone-farm.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    counters: { type: 'string' },
    boards: { type: 'string' },
    kiosks: { type: 'string' },
    phones: { type: 'string' },
    applicants: { type: 'string' },
    rate: { type: 'string' },
    'paced-seconds': { type: 'string' },
    crash: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    fuzz: { type: 'boolean', default: false },
    payloads: { type: 'string' },
    simulate: { type: 'boolean', default: false },
    central: { type: 'boolean', default: false },
    scale: { type: 'boolean', default: false },
    busy: { type: 'boolean', default: false },
    'scale-phones': { type: 'string' },
    'scale-tickets': { type: 'string' },
  },
  allowPositionals: true,
});

const quick = args.quick ?? false;
const num = (v: string | undefined, full: number, small: number) => (v ? Number(v) : quick ? small : full);
const opts = {
  counters: num(args.counters, 30, 10),
  boards: num(args.boards, 12, 4),
  kiosks: num(args.kiosks, 8, 3),
  phones: num(args.phones, 300, 60),
  applicants: num(args.applicants, 2500, 200),
  rate: num(args.rate, 20, 20),
  pacedSeconds: num(args['paced-seconds'], 30, 6),
};
const list = (v: string | undefined) => (v ? v.split(',').map(Number) : undefined);
const DAY_DEADLINE_MS = quick ? 40_000 : 240_000;

const children = new Set<ChildProcess>();
const cleanup = () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });

const log = (...a: unknown[]) => console.log(`[bench ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

// ─── (a) closed-loop day replay ───────────────────────────────────────────────────────────────────

interface Rig {
  server: ServerProcess;
  counters: Client[];
  boards: Client[];
  kiosks: Client[];
  /** The phones, in their own process: at most `opts.phones` follow tickets at a time. */
  phones: PhoneFarm;
  bookingCodes: string[];
}

async function setUp(central?: { url: string; token: string }): Promise<Rig> {
  const dir = makeTempDir('bench');
  const configPath = writeBenchConfig(dir, opts.counters, central?.url);
  if (central) {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'central.token'), central.token);
  }
  const day = benchDay();
  // Measure the production bundle that `npm start` runs, not the tsx development loader.
  execFileSync('npm', ['run', 'build', '--workspace', 'server'], { cwd: repoRoot, stdio: 'ignore' });
  const server = await startServerProcess(
    {
      entry: 'built',
      dataDir: join(dir, 'data'),
      clockStart: `${day}T09:30`,
      env: { GILIRAN_CONFIG: configPath, GILIRAN_DEMO_PRINTER: 'tcp://127.0.0.1:9' },
    },
    30_000,
  );
  children.add(server.child);
  process.on('exit', () => removeTempDir(dir));
  const admin = await login(server.url, 'admin');
  const bookingRows = benchBookings(day, Math.round(opts.applicants * 0.4));
  const imp = await api(server.url, 'POST', '/api/admin/bookings/import', {
    token: admin,
    body: JSON.stringify(bookingRows),
    contentType: 'application/json',
    timeoutMs: 60_000,
  });
  if (imp.status !== 200) throw new Error(`import failed: ${imp.status} ${JSON.stringify(imp.body)}`);
  const [officers, boardTokens, kioskTokens] = [
    await officerTokens(server.url, admin, opts.counters),
    await pairDevices(server.url, admin, 'board', opts.boards),
    await pairDevices(server.url, admin, 'kiosk', opts.kiosks),
  ];
  const counters = await Promise.all(officers.map((token) => connect(server.url, { token })));
  for (const [i, c] of counters.entries()) {
    const r = await command(c, 'counter:open', {
      counterId: `loket-${i + 1}`,
      stages: [counterStage(i, opts.counters)],
    });
    if (!r.ok) throw new Error(`counter:open loket-${i + 1}: ${JSON.stringify(r.error)}`);
  }
  const boards = await Promise.all(boardTokens.map((token) => connect(server.url, { token })));
  const kiosks = await Promise.all(kioskTokens.map((token) => connect(server.url, { token })));
  const phones = startPhoneFarm();
  children.add(phones.child);
  return {
    server,
    counters,
    boards,
    kiosks,
    phones,
    bookingCodes: bookingRows.map((r) => r.booking_code),
  };
}

interface DayResult {
  seconds: number;
  commands: number;
  refusals: Record<string, number>;
  issued: number;
  completed: number;
  noShows: number;
  recalls: number;
  phoneConnectFailures: number;
}

async function dayReplay(rig: Rig): Promise<DayResult> {
  const rand = seededRandom(42);
  type Plan = { kind: 'booking'; code: string } | { kind: 'walkin'; serviceId: string };
  const plan: Plan[] = rig.bookingCodes.map((code) => ({ kind: 'booking', code }));
  while (plan.length < opts.applicants)
    plan.push({ kind: 'walkin', serviceId: rand() < 0.25 ? 'prioritas' : 'percepatan' });
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [plan[i], plan[j]] = [plan[j] as Plan, plan[i] as Plan];
  }
  const deadline = Date.now() + DAY_DEADLINE_MS;
  let commands = 0;
  const refusals: Record<string, number> = {};
  let issued = 0;
  let completed = 0;
  let noShows = 0;
  let recalls = 0;
  let next = 0;
  let kiosksDone = false;
  let stage1Left = 0;
  // A phone that cannot connect while the server is saturated is counted, not fatal.
  const phoneConnects: Promise<{ failures: number }>[] = [];
  const send = async <T>(c: Client, event: string, payload: unknown = {}) => {
    const r = await command<T>(c, event, payload);
    if (r.ok) commands++;
    else refusals[`${event}:${r.error.code}`] = (refusals[`${event}:${r.error.code}`] ?? 0) + 1;
    return r;
  };

  const kiosk = async (k: Client) => {
    while (next < plan.length && Date.now() < deadline) {
      const p = plan[next++] as Plan;
      const r =
        p.kind === 'booking'
          ? await send<{ tickets: IssuedTicket[] }>(k, 'checkin:confirm', { bookingCodes: [p.code] })
          : await send<{ tickets: IssuedTicket[] }>(k, 'ticket:walkin', { serviceId: p.serviceId });
      if (!r.ok) continue;
      for (const t of r.data.tickets) {
        issued++;
        if (phoneConnects.length < opts.phones)
          phoneConnects.push(
            rig.phones.connect(rig.server.url, 1, [trackToken(t)]).catch(() => ({ failures: 1 })),
          );
      }
    }
  };

  const counter = async (c: Client, stage: string) => {
    const first = stage === STAGE1;
    for (;;) {
      if (Date.now() > deadline) return;
      const call = await send<CounterActionResult>(c, 'ticket:call');
      if (!call.ok) {
        const code = call.error.code;
        if (code === 'queue_empty') {
          if (first ? kiosksDone : kiosksDone && stage1Left === 0) return;
          await sleep(2);
          continue;
        }
        throw new Error(`ticket:call refused: ${JSON.stringify(call.error)}`);
      }
      const roll = rand();
      if (first && roll < 0.03) {
        // Not at the counter: two recalls, then a no-show.
        for (let i = 0; i < 2; i++) if ((await send(c, 'ticket:recall')).ok) recalls++;
        if ((await send(c, 'ticket:noShow')).ok) noShows++;
        continue;
      }
      if (roll < 0.12 && (await send(c, 'ticket:recall')).ok) recalls++;
      await send(c, 'ticket:start');
      if (first) await send(c, 'ticket:transfer', {});
      else if ((await send<CounterActionResult>(c, 'ticket:complete')).ok) completed++;
    }
  };

  const t0 = performance.now();
  const stage1 = rig.counters.filter((_, i) => counterStage(i, opts.counters) === STAGE1);
  const stage2 = rig.counters.filter((_, i) => counterStage(i, opts.counters) !== STAGE1);
  stage1Left = stage1.length;
  const kioskRuns = Promise.all(rig.kiosks.map(kiosk)).then(() => {
    kiosksDone = true;
  });
  const s1 = Promise.all(
    stage1.map((c) =>
      counter(c, STAGE1).finally(() => {
        stage1Left--;
      }),
    ),
  );
  const s2 = Promise.all(stage2.map((c) => counter(c, 'foto')));
  await Promise.all([kioskRuns, s1, s2]);
  const seconds = (performance.now() - t0) / 1000;
  if (Date.now() > deadline) log('WARNING: day replay hit its time bound');
  const phoneConnectFailures = (await Promise.all(phoneConnects)).reduce((n, c) => n + c.failures, 0);
  return { seconds, commands, refusals, issued, completed, noShows, recalls, phoneConnectFailures };
}

// ─── (b)/(c) paced call → every board ─────────────────────────────────────────────────────────────

async function realPaced(rig: Rig): Promise<PacedResult> {
  // Waiting tickets to call: rate × seconds walk-ins (stage 1), issued by the kiosks up front; at
  // least a ticket per 4 phones (the server keeps at most 4 streams a ticket, a 5th ends the oldest).
  const total = Math.max(Math.round(opts.rate * opts.pacedSeconds) + 10, Math.ceil(opts.phones / 4));
  const tokens: string[] = [];
  let n = 0;
  await Promise.all(
    rig.kiosks.map(async (k) => {
      while (n < total) {
        n++;
        const r = await command<{ tickets: IssuedTicket[] }>(k, 'ticket:walkin', { serviceId: 'percepatan' });
        if (r.ok) tokens.push(...r.data.tickets.map(trackToken));
      }
    }),
  );
  // Phones follow tickets that are waiting during the measurement (their position changes).
  await rig.phones.drop();
  const { failures } = await rig.phones.connect(rig.server.url, opts.phones, tokens);
  if (failures) log(`WARNING: ${failures} of ${opts.phones} phones could not follow their ticket`);
  const stage1 = rig.counters.filter((_, i) => counterStage(i, opts.counters) === STAGE1);
  return paced(stage1, rig.boards, rig.phones, (c) => command(c, 'ticket:complete', {}), opts);
}

async function barePaced(
  frames: PacedResult['frames'],
  track: { bytes: number; perSecond: number },
): Promise<PacedResult> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/bench/bare-server.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      BARE_FRAMES: JSON.stringify(frames),
      BARE_TRACK_BYTES: String(track.bytes),
      BARE_TRACK_PER_SECOND: String(track.perSecond),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  await bareServerListening(child);
  const url = `http://127.0.0.1:${port}`;
  const many = (n: number, role: string) =>
    Promise.all(Array.from({ length: n }, () => connect(url, { role })));
  const counters = await many(opts.counters, 'counter');
  const boards = await many(opts.boards, 'board');
  const kiosks = await many(opts.kiosks, 'kiosk');
  const phones = startPhoneFarm();
  children.add(phones.child);
  const callers = counters.slice(0, Math.ceil(opts.counters / 2));
  try {
    const { failures } = await phones.connect(url, opts.phones, ['bare']);
    if (failures) log(`WARNING: ${failures} of ${opts.phones} phones could not follow the bare server`);
    return await paced(callers, boards, phones, () => Promise.resolve(), opts);
  } finally {
    await phones.close();
    closeAll([...counters, ...boards, ...kiosks]);
    child.kill('SIGKILL');
  }
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────────────

async function bench(): Promise<Record<string, unknown>> {
  log('options', opts);
  const rig = await setUp();
  const pid = rig.server.child.pid as number;
  const idleRssMb = Math.round(rssMb(pid) * 10) / 10;
  const mem = sampleMemory(pid);
  log(`server up (pid ${pid}); clients connected; day replay of ${opts.applicants} applicants…`);
  const day = await dayReplay(rig);
  const dayMem = mem.stop();
  log('day replay', day);
  const mem2 = sampleMemory(pid);
  log(`paced calls at ${opts.rate}/s for ${opts.pacedSeconds}s (real server)…`);
  const real = await realPaced(rig);
  const pacedMem = mem2.stop();
  log(
    'real',
    real.latency,
    'missing',
    real.missing,
    'skipped',
    real.skipped,
    'phone frames/s',
    real.trackPerSecond,
  );
  await rig.phones.close();
  closeAll([...rig.counters, ...rig.boards, ...rig.kiosks]);
  await rig.server.stop(process.env.GILIRAN_SERVER_NODE_ARGS ? 'SIGTERM' : 'SIGKILL'); // SIGTERM lets a profiled server write its profile
  log('bare baseline…');
  const bare = await barePaced(real.frames, { bytes: real.trackBytes, perSecond: real.trackPerSecond });
  log(
    'bare',
    bare.latency,
    'missing',
    bare.missing,
    'skipped',
    bare.skipped,
    'phone frames/s',
    bare.trackPerSecond,
  );
  const strip = (p: Percentiles) => ({ p50: p.p50, p95: p.p95, p99: p.p99, max: p.max });
  return {
    mode: quick ? 'quick' : 'full',
    at: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    applicants: opts.applicants,
    clients: {
      counters: opts.counters,
      boards: opts.boards,
      kiosks: opts.kiosks,
      phones: opts.phones,
      total: opts.counters + opts.boards + opts.kiosks + opts.phones,
    },
    rate: opts.rate,
    pacedCalls: real.latency.n,
    callToBoardMs: strip(real.latency),
    bareBroadcastMs: strip(bare.latency),
    latencyRatioP99: Math.round((real.latency.p99 / bare.latency.p99) * 100) / 100,
    callAckMs: strip(real.ackMs),
    missingCalls: { real: real.missing, bare: bare.missing },
    skippedCalls: { real: real.skipped, bare: bare.skipped },
    phoneTrackFramesPerSecond: real.trackPerSecond,
    framesPerCall: real.frames,
    commandsPerSecond: Math.round(day.commands / day.seconds),
    dayReplaySeconds: Math.round(day.seconds * 100) / 100,
    dayCommands: day.commands,
    dayRefusals: day.refusals,
    dayTickets: { issued: day.issued, completed: day.completed, noShows: day.noShows, recalls: day.recalls },
    // The process's high-water mark over the day AND the paced phase (300 phones reconnect then).
    serverPeakRssMb: Math.max(dayMem.hwmMb, dayMem.rssMb, pacedMem.hwmMb, pacedMem.rssMb),
    serverPeakRssDayMb: Math.max(dayMem.hwmMb, dayMem.rssMb),
    serverRssDuringPacedMb: pacedMem.rssMb,
    serverIdleRssMb: idleRssMb,
  };
}

/**
 * The office with central reporting on: the same day and paced calls on a fresh office server whose
 * shipper sends its outbox to a real central service, then with central killed.
 */
async function centralPhase(): Promise<Record<string, unknown>> {
  const { startBenchCentral, outboxCounts, shipperLoopCost } = await import('./central-office.ts');
  const central = await startBenchCentral(children);
  try {
    const rig = await setUp(central);
    const db = join(rig.server.dataDir, 'giliran.db');
    log(`central phase: day replay of ${opts.applicants} applicants with the shipper on…`);
    const day = await dayReplay(rig);
    const afterDay = outboxCounts(db);
    log('central phase: day', {
      commandsPerSecond: Math.round(day.commands / day.seconds),
      outbox: afterDay,
    });
    log(`central phase: paced calls with the shipper on, central up…`);
    const up = await realPaced(rig);
    const afterUp = outboxCounts(db);
    log('shipper on', up.latency, 'outbox', afterUp);
    await central.kill();
    log(`central phase: paced calls with central down…`);
    const down = await realPaced(rig);
    const afterDown = outboxCounts(db);
    log('central down', down.latency, 'outbox', afterDown);
    await rig.phones.close();
    closeAll([...rig.counters, ...rig.boards, ...rig.kiosks]);
    await rig.server.stop('SIGKILL');
    log('central phase: the shipper alone draining the whole outbox, event-loop delay…');
    const loop = await shipperLoopCost(db, children);
    log('shipper loop cost', loop);
    const strip = (p: Percentiles) => ({ p50: p.p50, p95: p.p95, p99: p.p99, max: p.max });
    return {
      shipperDrainingAlone: loop,
      commandsPerSecondShipperOn: Math.round(day.commands / day.seconds),
      dayReplaySecondsShipperOn: Math.round(day.seconds * 100) / 100,
      outboxAfterDay: afterDay,
      callToBoardShipperOnMs: strip(up.latency),
      missingCallsShipperOn: up.missing,
      outboxAfterShipperOnPaced: afterUp,
      callToBoardCentralDownMs: strip(down.latency),
      missingCallsCentralDown: down.missing,
      outboxAfterCentralDownPaced: afterDown,
    };
  } finally {
    await central.cleanup();
  }
}

function table(r: Record<string, unknown>): void {
  const f = r as {
    callToBoardMs: Percentiles;
    bareBroadcastMs: Percentiles;
    latencyRatioP99: number;
    commandsPerSecond: number;
    dayReplaySeconds: number;
    serverPeakRssMb: number;
    simulation: { medianMs: number; bookings: number };
  };
  const rows: [string, string, string, boolean][] = [
    [
      'call → every board, p99 (paced)',
      '≤ 10 ms',
      `${f.callToBoardMs.p99} ms (p50 ${f.callToBoardMs.p50}, max ${f.callToBoardMs.max})`,
      f.callToBoardMs.p99 <= 10,
    ],
    [
      '… vs bare Socket.IO p99',
      '≤ 2×',
      `${f.latencyRatioP99}× (bare p99 ${f.bareBroadcastMs.p99} ms)`,
      f.latencyRatioP99 <= 2,
    ],
    ['durable commands/s (closed loop)', '≥ 1500', String(f.commandsPerSecond), f.commandsPerSecond >= 1500],
    ['day replay', '≤ 10 s', `${f.dayReplaySeconds} s`, f.dayReplaySeconds <= 10],
    ['server peak RSS', '≤ 150 MB', `${f.serverPeakRssMb} MB`, f.serverPeakRssMb <= 150],
    [
      `simulated day (${f.simulation.bookings} bookings)`,
      '≤ 2 s',
      `${f.simulation.medianMs} ms (median)`,
      f.simulation.medianMs <= 2_000,
    ],
  ];
  const c = r.central as
    { callToBoardShipperOnMs: Percentiles; callToBoardCentralDownMs: Percentiles } | undefined;
  if (c) {
    rows.push(
      [
        'call → board p99, shipper on',
        '≤ 10 ms',
        `${c.callToBoardShipperOnMs.p99} ms (p50 ${c.callToBoardShipperOnMs.p50})`,
        c.callToBoardShipperOnMs.p99 <= 10,
      ],
      [
        'call → board p99, central down',
        '≤ 10 ms',
        `${c.callToBoardCentralDownMs.p99} ms (p50 ${c.callToBoardCentralDownMs.p50})`,
        c.callToBoardCentralDownMs.p99 <= 10,
      ],
    );
  }
  if (quick) console.log('\n(quick mode: a smaller office and day; the §9 targets are for the full run)');
  const w = [36, 10, 48];
  console.log(`\n${'figure'.padEnd(w[0] as number)} ${'target'.padEnd(w[1] as number)} measured`);
  for (const [a, b, c, ok] of rows)
    console.log(
      `${a.padEnd(w[0] as number)} ${b.padEnd(w[1] as number)} ${c.padEnd(w[2] as number)} ${ok ? 'ok' : 'SHORT'}`,
    );
}

async function main(): Promise<void> {
  // Bounded: the measurement itself, plus up to 30 s per crash round and 10 min of fuzzing.
  const rounds = args.rounds ? Number(args.rounds) : 20;
  const limitMs =
    (quick ? 120_000 : 900_000) +
    (args.crash ? rounds * 30_000 : 0) +
    (args.fuzz ? 600_000 : 0) +
    (args.central ? (quick ? 120_000 : 900_000) : 0) +
    (args.scale ? 600_000 : 0);
  const hardStop = setTimeout(() => {
    console.error('bench: hard time limit reached');
    cleanup();
    process.exit(2);
  }, limitMs);
  hardStop.unref();
  if (args.scale) {
    // The sweep alone (issue 14): its own servers and baselines, its own table and JSON keys.
    const { runScaleSweep, scaleTable } = await import('./scale.ts');
    const scale = await runScaleSweep({
      // `--scale-phones 3000 --scale-tickets 25000` (comma lists) runs only those rows, e.g. to repeat the headline row.
      phones: list(args['scale-phones']) ?? (quick ? [60, 300] : [300, 1_000, 3_000]),
      tickets: list(args['scale-tickets']) ?? (quick ? [500, 5_000] : [2_500, 25_000]),
      counters: opts.counters,
      boards: opts.boards,
      kiosks: opts.kiosks,
      rate: opts.rate,
      pacedSeconds: args['paced-seconds'] ? Number(args['paced-seconds']) : quick ? 6 : 20,
      checkinRate: 5,
      busy: args.busy ?? false,
      log,
      children,
    });
    console.log(scaleTable(scale));
    if (args.json) writeFileSync(args.json, JSON.stringify({ scale }, null, 2));
    cleanup();
    process.exit(0);
  }
  const { runSimulationBench } = await import('./simulate.ts');
  if (args.simulate) {
    // The simulator alone: no server, no sockets.
    const simulation = runSimulationBench();
    console.log(JSON.stringify({ simulation }, null, 2));
    console.log(
      `\nsimulated day of ${simulation.bookings} bookings: median ${simulation.medianMs} ms (target ≤ 2000 ms) ` +
        `${simulation.medianMs <= simulation.targetMs ? 'ok' : 'SHORT'}; first run ${simulation.firstRunMs} ms; ` +
        `load ${simulation.loadAverage1m.before} → ${simulation.loadAverage1m.after}`,
    );
    if (args.json) writeFileSync(args.json, JSON.stringify({ simulation }, null, 2));
    process.exit(0);
  }
  const result = await bench();
  if (args.central) result.central = await centralPhase();
  log('day simulator…');
  result.simulation = runSimulationBench();
  if (args.crash) {
    const { runCrashRounds } = await import('./crash.ts');
    result.crash = await runCrashRounds({ rounds, log, children });
  }
  if (args.fuzz) {
    const { runFuzzServer } = await import('./fuzz.ts');
    const { runFuzzHttp } = await import('./fuzz-http.ts');
    const payloads = args.payloads ? Number(args.payloads) : 20_000;
    result.fuzz = await runFuzzServer({ payloads, log });
    result.fuzzHttp = await runFuzzHttp({ requests: payloads, log });
  }
  table(result);
  console.log(JSON.stringify(result, null, 2));
  if (args.json) writeFileSync(args.json, JSON.stringify(result, null, 2));
  cleanup();
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error('bench failed:', e);
  cleanup();
  process.exit(1);
});
