/**
 * For `npm run bench -- --central`: a central service (child process) on a throwaway PostgreSQL
 * cluster with one office, DPS, and its token, so the bench's office server can ship to it; and a
 * look into the office's outbox. The cluster runs with PostgreSQL's durable defaults; both run at the
 * lowest CPU priority (see below).
 */
import Database from 'better-sqlite3';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '@giliran/central/dev';
import { startCentralProcess, seedCentral } from '../support/central.ts';

export interface BenchCentral {
  url: string;
  token: string;
  /** SIGKILL: central is gone, as when the link or its host goes down. */
  kill(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startBenchCentral(children: Set<ChildProcess>): Promise<BenchCentral> {
  const cluster = await startCluster({ dir: mkdtempSync(join(tmpdir(), 'giliran-bench-pg-')) });
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
