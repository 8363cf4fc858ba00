/**
 * Crash test: load from kiosks and counters, `kill -9` of the server at a random moment, restart on
 * the same data directory, repeat. Then the SQLite file (opened read-only) must hold every
 * acknowledged check-in, call and completion with its audit row, and no ticket number may appear
 * twice. Also measures how long the screens take to get a fresh snapshot after each restart.
 * Used by `run.ts --crash` (20 rounds) and `tests/integration/fault-crash.test.ts` (3 rounds).
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CounterActionResult, IssuedTicket, TicketStatus } from '@giliran/shared';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { login } from '../support/clients.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { benchDay, closeAll, command, connect, sleep, writeLoadConfig, type Client } from './lib.ts';

export interface CrashReport {
  rounds: number;
  ackedCheckins: number;
  ackedCalls: number;
  ackedCompletes: number;
  lost: string[];
  duplicateNumbers: string[];
  missingAudit: string[];
  resyncMs: { max: number; all: number[] };
  restartMs: { max: number; all: number[] };
}

const OFFICERS = ['petugas1', 'petugas2', 'petugas4', 'petugas5'];
const COUNTERS = ['loket-1', 'loket-2', 'loket-4', 'loket-5'];

/** Office-local `HH:MM` that moves one minute per round, so the restarted clock never runs backwards. */
function clockStart(day: string, round: number): string {
  const m = 9 * 60 + round;
  return `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export async function runCrashRounds(opts: {
  rounds: number;
  log?: (...a: unknown[]) => void;
  children?: Set<ChildProcess>;
  loadMs?: [number, number];
}): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const [minLoad, maxLoad] = opts.loadMs ?? [300, 1500];
  const dir = makeTempDir('crash');
  const dataDir = join(dir, 'data');
  const configPath = writeLoadConfig(dir);
  const port = await freePort();
  const day = benchDay();
  const issued = new Map<string, string>(); // ticket id → number
  /** The furthest acknowledged state of each ticket a counter touched. */
  const acked = new Map<string, { stageId: string; status: TicketStatus }>();
  const ack = (tickets: { id: string; stageId: string; status: TicketStatus }[]) => {
    for (const t of tickets) acked.set(t.id, { stageId: t.stageId, status: t.status });
  };
  let ackedCalls = 0;
  let ackedCompletes = 0;
  const resync: number[] = [];
  const restart: number[] = [];
  let server: ServerProcess | null = null;
  const start = async (round: number) => {
    const t0 = performance.now();
    server = await startServerProcess(
      {
        dataDir,
        port,
        clockStart: clockStart(day, round),
        env: { GILIRAN_DEMO_PRINTER: 'tcp://127.0.0.1:9', GILIRAN_CONFIG: configPath },
      },
      30_000,
    );
    opts.children?.add(server.child);
    restart.push(Math.round(performance.now() - t0));
    return server;
  };
  try {
    let srv = await start(0);
    const tokens = await Promise.all(OFFICERS.map((u) => login(srv.url, u)));
    const counters = await Promise.all(tokens.map((token) => connect(srv.url, { token })));
    for (const [i, c] of counters.entries()) {
      const r = await command(c, 'counter:open', { counterId: COUNTERS[i] });
      if (!r.ok) throw new Error(`counter:open: ${JSON.stringify(r.error)}`);
    }
    const kiosks = await Promise.all(
      ['demo-kiosk-1', 'demo-kiosk-2'].map((token) => connect(srv.url, { token })),
    );
    const boards = await Promise.all([0, 1, 2].map(() => connect(srv.url, { token: 'demo-board-1' })));
    const snapshots = new Map<Client, number>();
    for (const b of boards) b.on('queue:snapshot', () => snapshots.set(b, performance.now()));

    const loads: Promise<unknown>[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      let running = true;
      const kiosk = async (k: Client) => {
        while (running) {
          const r = await command<{ tickets: IssuedTicket[] }>(
            k,
            'ticket:walkin',
            { serviceId: Math.random() < 0.2 ? 'prioritas' : 'percepatan' },
            3_000,
          );
          if (r.ok) for (const t of r.data.tickets) issued.set(t.ticket.id, t.ticket.number);
          else await sleep(20);
        }
      };
      const counter = async (c: Client) => {
        while (running) {
          const r = await command<CounterActionResult>(c, 'ticket:call', {}, 3_000);
          if (r.ok) {
            ack(r.data.tickets);
            ackedCalls += r.data.tickets.length;
          } else if (r.error.code !== 'counter_busy') {
            await sleep(20);
            continue;
          }
          const done = await command<CounterActionResult>(c, 'ticket:complete', {}, 3_000);
          if (done.ok) {
            ack(done.data.tickets);
            ackedCompletes += done.data.tickets.length;
          }
        }
      };
      loads.push(Promise.all([...kiosks.map(kiosk), ...counters.map(counter)]));
      await sleep(minLoad + Math.random() * (maxLoad - minLoad));
      srv.child.kill('SIGKILL');
      await srv.stop('SIGKILL');
      const killedAt = performance.now();
      // Commands in flight may still be acknowledged after the restart (the client resends); their
      // loops end by themselves (3 s ack timeout) and are awaited before the check.
      running = false;
      srv = await start(round);
      const upAt = performance.now();
      const deadline = upAt + 15_000;
      while (boards.some((b) => (snapshots.get(b) ?? 0) < upAt) && performance.now() < deadline)
        await sleep(10);
      const last = Math.max(...boards.map((b) => snapshots.get(b) ?? Infinity));
      resync.push(Math.round(last - upAt));
      // Counters and kiosks come back too before the next round.
      const until = performance.now() + 10_000;
      while ([...counters, ...kiosks].some((s) => !s.connected) && performance.now() < until) await sleep(10);
      log(
        `crash round ${round}: killed after load, restart ${restart.at(-1)} ms, screens resynced ${resync.at(-1)} ms after the server was up (${Math.round(upAt - killedAt)} ms down)`,
      );
    }
    await Promise.all(loads);
    closeAll([...counters, ...kiosks, ...boards]);
    await srv.stop('SIGKILL');

    const db = new Database(join(dataDir, 'giliran.db'), { readonly: true });
    try {
      const tickets = new Map(
        (
          db.prepare('SELECT id, number, stage_id, status FROM tickets').all() as {
            id: string;
            number: string;
            stage_id: string;
            status: TicketStatus;
          }[]
        ).map((r) => [r.id, r]),
      );
      const lost: string[] = [];
      for (const [id, number] of issued) {
        const row = tickets.get(id);
        if (!row || row.number !== number) lost.push(`issued ${number} (${id})`);
      }
      // Every acknowledged step stands: the stored ticket is at least as far along its route.
      for (const [id, a] of acked) {
        const row = tickets.get(id);
        if (!row || progress(row.stage_id, row.status) < progress(a.stageId, a.status))
          lost.push(`${a.status} at ${a.stageId} of ${row?.number ?? id} (stored: ${row?.status ?? 'none'})`);
      }
      const duplicateNumbers = (
        db
          .prepare('SELECT day, number, COUNT(*) AS n FROM tickets GROUP BY day, number HAVING n > 1')
          .all() as { day: string; number: string }[]
      ).map((r) => `${r.day} ${r.number}`);
      const audited = (action: string) =>
        new Set(
          (
            db.prepare('SELECT ticket_id FROM audit_log WHERE action = ?').all(action) as {
              ticket_id: string;
            }[]
          ).map((r) => r.ticket_id),
        );
      const missingAudit: string[] = [];
      const issuedA = audited('ticket.issued');
      const calledA = audited('ticket.called');
      const movedA = audited('ticket.transferred');
      const completedA = audited('ticket.completed');
      for (const id of issued.keys()) if (!issuedA.has(id)) missingAudit.push(`ticket.issued ${id}`);
      for (const [id, a] of acked) {
        if (!calledA.has(id)) missingAudit.push(`ticket.called ${id}`);
        if (a.stageId === 'foto' && !movedA.has(id)) missingAudit.push(`ticket.transferred ${id}`);
        if (a.status === 'done' && !completedA.has(id)) missingAudit.push(`ticket.completed ${id}`);
      }
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') lost.push(`integrity_check: ${String(integrity)}`);
      return {
        rounds: opts.rounds,
        ackedCheckins: issued.size,
        ackedCalls,
        ackedCompletes,
        lost,
        duplicateNumbers,
        missingAudit,
        resyncMs: { max: Math.max(...resync), all: resync },
        restartMs: { max: Math.max(...restart), all: restart },
      };
    } finally {
      db.close();
    }
  } finally {
    const s = server as ServerProcess | null;
    if (s) await s.stop('SIGKILL');
    removeTempDir(dir);
  }
}

/** How far along its route a ticket is: walk-ins here go verifikasi → foto; done is the end. */
function progress(stageId: string, status: TicketStatus): number {
  const stage = { verifikasi: 0, foto: 1 }[stageId] ?? 0;
  const step = { waiting: 0, called: 1, serving: 2, no_show: 3, done: 3 }[status];
  return stage * 10 + step;
}
