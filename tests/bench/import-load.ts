/**
 * `npm run bench:import -- [--mb 50] [--json FILE]`: does a big booking import freeze the office?
 *
 * Starts the production bundle (as `npm start` does) with the demo day, then imports an `--mb` MB
 * CSV twice while the office works: (1) through `POST /api/admin/bookings/import`, (2) through
 * the import CLI beside the running server. During each import it measures, open loop:
 * `GET /api/health` every 20 ms, a counter's `ticket:call` → the board has the call every 250 ms,
 * and a kiosk walk-in (a durable write) every 250 ms. Reports percentiles as JSON; the CLI phase
 * also reports the CLI's exit code and whether any SQLITE_BUSY was printed.
 * Bounded: every request has a timeout, the whole run a hard limit; children are killed on exit.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CounterActionResult, IssuedTicket } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { api, login } from '../support/clients.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import {
  benchBookings,
  benchDay,
  closeAll,
  command,
  connect,
  percentiles,
  repoRoot,
  sleep,
  writeLoadConfig,
  type Client,
  type Percentiles,
} from './lib.ts';

const { values: args } = parseArgs({
  options: { mb: { type: 'string', default: '50' }, json: { type: 'string' } },
  allowPositionals: true,
});
const targetBytes = Number(args.mb) * 1024 * 1024;

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
const cleanup = () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0)) c();
};
process.on('exit', cleanup);
const log = (...a: unknown[]) =>
  console.log(`[bench:import ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

/** Writes a CSV of valid paid bookings for `date` of at least `bytes` bytes; codes `<prefix>…`. */
async function writeBigCsv(path: string, date: string, prefix: string, bytes: number): Promise<number> {
  const people = benchBookings(date, 9_000);
  const out = createWriteStream(path);
  out.write(
    'booking_code,nik,full_name,birth_date,application_type,office_code,arrival_date,window_start,window_end,payment_status,account_id\n',
  );
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    const p = people[rows % people.length]!;
    const n = String(rows + 1).padStart(7, '0');
    const line = `${prefix}${n},${p.nik},Pemohon Impor ${prefix} ${n},${p.birth_date},baru,DPS,${date},14:00,15:00,paid,${prefix}ACC${n}\n`;
    written += line.length;
    rows++;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  return rows;
}

interface Probe {
  health: Percentiles;
  healthFailures: number;
  callToBoard: Percentiles;
  callMissing: number;
  walkinAck: Percentiles;
  walkinRefused: Record<string, number>;
}

/** Runs the three open-loop probes until `done` resolves. */
async function probeWhile(
  srv: ServerProcess,
  office: { counter: Client; board: Client; kiosk: Client },
  done: Promise<unknown>,
): Promise<Probe> {
  let finished = false;
  void done.finally(() => (finished = true));
  const health: number[] = [];
  let healthFailures = 0;
  const pending: Promise<unknown>[] = [];

  const healthLoop = async () => {
    const start = performance.now();
    for (let i = 0; !finished; i++) {
      const wait = start + i * 20 - performance.now();
      if (wait > 0) await sleep(wait);
      const t0 = performance.now();
      pending.push(
        fetch(`${srv.url}/api/health`, { signal: AbortSignal.timeout(60_000) })
          .then((r) => (r.ok ? health.push(performance.now() - t0) : healthFailures++))
          .catch(() => healthFailures++),
      );
    }
  };

  const calls: number[] = [];
  let callMissing = 0;
  const seen = new Map<string, number>();
  office.board.on('queue:changes', (ch: { calls: { ticketIds: string[]; recall: number }[] }) => {
    for (const c of ch.calls) if (c.recall === 0) seen.set(c.ticketIds[0] as string, performance.now());
  });
  const callLoop = async () => {
    while (!finished) {
      const t0 = performance.now();
      const r = await command<CounterActionResult>(office.counter, 'ticket:call', {}, 60_000);
      const id = r.ok ? r.data.tickets[0]?.id : undefined;
      if (id) {
        const deadline = performance.now() + 60_000;
        while (!seen.has(id) && performance.now() < deadline) await sleep(2);
        const at = seen.get(id);
        if (at === undefined) callMissing++;
        else calls.push(at - t0);
        await command(office.counter, 'ticket:complete', {}, 60_000);
      } else callMissing++;
      await sleep(Math.max(0, 250 - (performance.now() - t0)));
    }
  };

  const walkins: number[] = [];
  const walkinRefused: Record<string, number> = {};
  const walkinLoop = async () => {
    while (!finished) {
      const t0 = performance.now();
      const r = await command<{ tickets: IssuedTicket[] }>(
        office.kiosk,
        'ticket:walkin',
        { serviceId: 'percepatan' },
        60_000,
      );
      if (r.ok) walkins.push(performance.now() - t0);
      else walkinRefused[r.error.code] = (walkinRefused[r.error.code] ?? 0) + 1;
      await sleep(Math.max(0, 250 - (performance.now() - t0)));
    }
  };

  await Promise.all([healthLoop(), callLoop(), walkinLoop(), done]);
  await Promise.all(pending);
  office.board.removeAllListeners('queue:changes');
  return {
    health: percentiles(health),
    healthFailures,
    callToBoard: percentiles(calls),
    callMissing,
    walkinAck: percentiles(walkins),
    walkinRefused,
  };
}

function runImportCli(file: string, dataDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'server/src/cli/import.ts'), file],
      {
        cwd: repoRoot,
        env: { ...process.env, GILIRAN_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.add(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      ok({ code, out });
    });
  });
}

async function main(): Promise<void> {
  const hardStop = setTimeout(() => {
    console.error('bench:import: hard time limit reached');
    cleanup();
    process.exit(2);
  }, 1_500_000);
  hardStop.unref();
  const dir = makeTempDir('bench-import');
  cleanups.push(() => removeTempDir(dir));
  const day = benchDay();
  log(`writing two ${args.mb} MB CSV files…`);
  const httpFile = join(dir, 'http.csv');
  const cliFile = join(dir, 'cli.csv');
  const httpRows = await writeBigCsv(httpFile, day, 'BH', targetBytes);
  const cliRows = await writeBigCsv(cliFile, day, 'BC', targetBytes);
  execFileSync('npm', ['run', 'build', '--workspace', 'server'], { cwd: repoRoot, stdio: 'ignore' });
  const srv = await startServerProcess(
    {
      entry: 'built',
      dataDir: join(dir, 'data'),
      clockStart: `${day}T09:30`,
      // A walk-in every 250 ms is over an office kiosk's ticket limit: the load limits, as the main bench.
      env: { GILIRAN_DEMO_PRINTER: 'tcp://127.0.0.1:9', GILIRAN_CONFIG: writeLoadConfig(dir) },
    },
    30_000,
  );
  children.add(srv.child);
  const admin = await login(srv.url, 'admin');
  const officer = await login(srv.url, 'petugas1');
  const office = {
    counter: await connect(srv.url, { token: officer }),
    board: await connect(srv.url, { token: 'demo-board-1' }),
    kiosk: await connect(srv.url, { token: 'demo-kiosk-1' }),
  };
  const open = await command(office.counter, 'counter:open', {
    counterId: 'loket-1',
    stages: ['verifikasi'],
  });
  if (!open.ok) throw new Error(`counter:open: ${JSON.stringify(open.error)}`);
  for (let i = 0; i < 20; i++) await command(office.kiosk, 'ticket:walkin', { serviceId: 'percepatan' });

  log('idle baseline (5 s)…');
  const idle = await probeWhile(srv, office, sleep(5_000));

  log(`HTTP import of ${httpRows} rows (${(statSync(httpFile).size / 1e6).toFixed(1)} MB)…`);
  const { readFileSync } = await import('node:fs');
  const body = readFileSync(httpFile);
  const t0 = performance.now();
  const httpImport = api(srv.url, 'POST', '/api/admin/bookings/import', {
    token: admin,
    body: body,
    contentType: 'text/csv',
    timeoutMs: 900_000,
  });
  const http = await probeWhile(srv, office, httpImport);
  const httpResult = await httpImport;
  const httpSeconds = (performance.now() - t0) / 1000;
  log('HTTP import answered', httpResult.status, JSON.stringify(httpResult.body).slice(0, 200));

  log(`CLI import of ${cliRows} rows beside the running server…`);
  const t1 = performance.now();
  const cliRun = runImportCli(cliFile, srv.dataDir);
  const cli = await probeWhile(srv, office, cliRun);
  const cliResult = await cliRun;
  const cliSeconds = (performance.now() - t1) / 1000;
  log('CLI import exited', cliResult.code, cliResult.out.trim().slice(0, 300));

  closeAll([office.counter, office.board, office.kiosk]);
  await srv.stop();
  const result = {
    mb: Number(args.mb),
    idle,
    httpImport: {
      rows: httpRows,
      status: httpResult.status,
      seconds: Math.round(httpSeconds * 10) / 10,
      ...http,
    },
    cliImport: {
      rows: cliRows,
      exitCode: cliResult.code,
      sqliteBusy: /SQLITE_BUSY|database is locked/i.test(cliResult.out),
      seconds: Math.round(cliSeconds * 10) / 10,
      ...cli,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  if (args.json) writeFileSync(args.json, JSON.stringify(result, null, 2));
  cleanup();
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error('bench:import failed:', e);
  cleanup();
  process.exit(1);
});
