import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { OfficeConfig } from '@giliran/shared';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/database.ts';
import { pruneOutboxChunk, SHIPPED_KEEP_DAYS } from './prune.ts';
import { OutboxShipper, type ShipperStatus } from './shipper.ts';

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 60 * 60_000;

export interface Outbox {
  /** The shipper's state, or null when no `central` section is configured. */
  status(): ShipperStatus | null;
  /** Runs a pruning pass to the end (chunks, yielding in between); resolves with rows deleted. */
  prune(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The office side of central reporting. Events are written by the store (always, in the command's
 * transaction); this starts the shipper when the configuration has a `central` section, and prunes
 * old rows: shipped ones after SHIPPED_KEEP_DAYS; without central, every row after the retention
 * period (`policy.retentionDays`), so an office that connects later still sends its last weeks.
 * Unshipped rows are never pruned while central is configured.
 *
 * It works on its own connection: `synchronous=NORMAL` (marking a batch shipped need not survive a
 * power cut: the batch is sent again and central drops it), no busy wait and no checkpoints, so its
 * writes stay a few microseconds and never make a queue command wait.
 */
export function startOutbox(deps: { db: Db; config: OfficeConfig; dataDir: string; clock: Clock }): Outbox {
  const { config, clock } = deps;
  const own = !deps.db.memory;
  const db = own ? new Database(deps.db.name) : deps.db;
  if (own) {
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 0');
    db.pragma('wal_autocheckpoint = 0'); // checkpoints stay with the queue's connection
  }
  const link = config.central;
  const shipper = link
    ? new OutboxShipper({
        db,
        officeCode: config.office.code,
        timeZone: config.office.timeZone,
        link,
        readToken: async () => {
          const path = isAbsolute(link.tokenFile) ? link.tokenFile : join(deps.dataDir, link.tokenFile);
          try {
            return (await readFile(path, 'utf8')).trim() || null;
          } catch {
            return null;
          }
        },
        clock,
      })
    : null;
  if (shipper) {
    console.log(`[central] shipping queue events to ${link?.url} (token in ${link?.tokenFile})`);
    shipper.start();
  }

  let stopped = false;
  const prune = async (): Promise<number> => {
    const keepDays = link ? SHIPPED_KEEP_DAYS : config.policy.retentionDays;
    const cutoff = clock.now() - keepDays * DAY_MS;
    let total = 0;
    for (;;) {
      if (stopped) return total;
      let n: number;
      try {
        n = pruneOutboxChunk(db, cutoff, link !== undefined);
      } catch (e) {
        console.error('[central] outbox pruning failed:', (e as Error).message);
        return total;
      }
      total += n;
      if (n === 0) return total;
      await new Promise((r) => setImmediate(r));
    }
  };
  const timer = setInterval(() => void prune(), PRUNE_EVERY_MS);
  timer.unref();
  const first = setTimeout(() => void prune(), 10_000);
  first.unref();

  return {
    status: () => shipper?.status() ?? null,
    prune,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await shipper?.stop();
      if (own) db.close();
    },
  };
}
