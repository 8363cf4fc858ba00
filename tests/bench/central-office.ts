/**
 * For `npm run bench -- --central`: a central service (child process) on a throwaway PostgreSQL
 * cluster with one office, DPS, and its token, so the bench's office server can ship to it; and a
 * look into the office's outbox. The cluster runs with PostgreSQL's durable defaults; both run at the
 * lowest CPU priority (see below).
 */
import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { startCluster } from '@giliran/central/dev';
import { startCentralProcess, seedCentral } from '../support/central.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

export interface BenchCentral {
  url: string;
  token: string;
  /** SIGKILL: central is gone, as when the link or its host goes down. */
  kill(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startBenchCentral(children: Set<ChildProcess>): Promise<BenchCentral> {
  const cluster = await startCluster({ dir: makeTempDir('bench-pg') });
  // Central and its PostgreSQL run elsewhere in production; here they share the office server's
  // two cores, so they run at the lowest CPU priority: they get what the office server leaves.
  const postmaster = readFileSync(join(cluster.dir, 'pgdata', 'postmaster.pid'), 'utf8').split(
    '\n',
  )[0] as string;
  execFileSync('renice', ['-n', '19', '-p', postmaster], { stdio: 'ignore' });
  const seeded = await seedCentral(cluster, 'bench', { DPS: 'Bali' });
  await seeded.pool.end();
  const central = await startCentralProcess(seeded.databaseUrl, undefined, { nice: 19 });
  children.add(central.child);
  return {
    url: `${central.url}/`,
    token: seeded.tokens.DPS as string,
    kill: () => central.stop('SIGKILL'),
    cleanup: async () => {
      await central.stop('SIGKILL');
      await cluster.destroy();
    },
  };
}

/** Outbox rows of the office database: all, and not yet shipped (read-only, beside the server). */
export function outboxCounts(databasePath: string): { total: number; unshipped: number } {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT COUNT(*) AS total, COUNT(*) - COUNT(shipped_at) AS unshipped FROM outbox')
      .get() as {
      total: number;
      unshipped: number;
    };
  } finally {
    db.close();
  }
}

/**
 * What the shipper costs the office's event loop, apart from the machine's noise: a copy of the
 * bench office's database with its whole outbox marked unshipped is drained by the real outbox
 * shipper (in this process, nothing else running in it) into a sink that answers at once (another
 * process). The event loop's delay is sampled while idle and while draining; the difference is
 * what the shipper's synchronous work (read a batch, build the body, mark it shipped) holds it.
 */
export async function shipperLoopCost(
  databasePath: string,
  children: Set<ChildProcess>,
): Promise<Record<string, unknown>> {
  const { loadOfficeConfig, openDatabase, startOutbox, systemClock } = await import('@giliran/server');
  const dir = makeTempDir('shipper-cost');
  try {
    copyFileSync(databasePath, join(dir, 'giliran.db'));
    // The bench killed the server: what it committed last may still be in the WAL.
    if (existsSync(`${databasePath}-wal`)) copyFileSync(`${databasePath}-wal`, join(dir, 'giliran.db-wal'));
    const db = openDatabase(join(dir, 'giliran.db'));
    const events = db.prepare('UPDATE outbox SET shipped_at = NULL').run().changes;
    const sink = spawn(
      process.execPath,
      [
        '-e',
        `require('http').createServer((q, s) => { q.resume(); q.on('end', () => s.end('{"accepted":0,"duplicates":0,"invalid":0}')); }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.add(sink);
    const port = await new Promise<number>((ok) =>
      sink.stdout?.once('data', (b: Buffer) => ok(Number(b.toString()))),
    );
    const sample = async (ms: number) => {
      const h = monitorEventLoopDelay({ resolution: 1 });
      h.enable();
      await new Promise((r) => setTimeout(r, ms));
      h.disable();
      return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
    };
    const idle = await sample(3_000);
    const config = {
      ...loadOfficeConfig(),
      central: {
        url: `http://127.0.0.1:${port}/`,
        tokenFile: 'central.token',
        batchSize: 200,
        retryMaxSeconds: 300,
      },
    };
    writeFileSync(join(dir, 'central.token'), 'bench-token');
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    const t0 = performance.now();
    const outbox = startOutbox({ db, config, dataDir: dir, clock: systemClock });
    while ((outbox.status()?.shipped ?? 0) < events && performance.now() - t0 < 120_000)
      await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - t0) / 1000;
    h.disable();
    await outbox.stop();
    db.close();
    sink.kill('SIGKILL');
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      events,
      drainSeconds: round(seconds),
      eventsPerSecond: Math.round(events / seconds),
      loopDelayIdleMs: { p50: round(idle.p50), p99: round(idle.p99), max: round(idle.max) },
      loopDelayDrainingMs: {
        p50: round(h.percentile(50) / 1e6),
        p99: round(h.percentile(99) / 1e6),
        max: round(h.max / 1e6),
      },
    };
  } finally {
    removeTempDir(dir);
  }
}
