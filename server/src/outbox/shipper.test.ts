import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestBatchSchema, type IngestBatch, type OfficeConfig } from '@giliran/shared';
import { ManualClock } from '../clock.ts';
import { loadOfficeConfig } from '../config.ts';
import * as engine from '../engine/engine.ts';
import { applyChanges } from '../engine/state.ts';
import { EngineHarness } from '../engine/test-harness.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { QueueStore } from '../store/queue-store.ts';
import { startOutbox, type Outbox } from './outbox.ts';
import { retryDelayMs } from './shipper.ts';
import { makeTempDir, removeTempDir } from '../../../tests/support/temp-dir.ts';

describe('retryDelayMs', () => {
  it('doubles from the base up to the cap, half of it random', () => {
    const at = (n: number, r: number) => retryDelayMs(n, 1000, 300_000, () => r);
    expect([at(1, 0), at(1, 1), at(2, 0), at(4, 0.5), at(9, 0), at(9, 1), at(50, 0)]).toEqual([
      500, 1000, 1000, 6000, 128_000, 256_000, 150_000,
    ]);
  });
});

interface Received {
  auth: string | undefined;
  batch: IngestBatch;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A stand-in for central on loopback: answers each request with the next status of `script`. */
async function fakeCentral(script: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      const parsed = ingestBatchSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!parsed.success) {
        res.writeHead(400).end(JSON.stringify({ error: { message: parsed.error.message } }));
        return;
      }
      if (status === 200) received.push({ auth: req.headers.authorization, batch: parsed.data });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 200
            ? { accepted: parsed.data.events.length, duplicates: 0, invalid: 0 }
            : { error: { message: 'down' } },
        ),
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  cleanups.push(() => new Promise<void>((ok) => server.close(() => ok())));
  return { url: `http://127.0.0.1:${port}/`, received, server };
}

/** An office database with `n` walk-ins (n outbox events), and its outbox started against `url`. */
function office(url: string, n: number, opts: { token?: string | null; batchSize?: number } = {}) {
  const dir = makeTempDir('ship');
  const db: Db = openDatabase(join(dir, 'giliran.db'));
  const h = new EngineHarness();
  const store = new QueueStore(db, 'DPS');
  for (let i = 0; i < n; i++) {
    const { changes } = engine.walkIn(h.state, 'informasi', h.ctx());
    store.commitBatch([{ day: h.day, changes }]);
    applyChanges(h.state, changes);
  }
  if (opts.token !== null) writeFileSync(join(dir, 'central.token'), `${opts.token ?? 'office-token-dps'}\n`);
  const config: OfficeConfig = {
    ...loadOfficeConfig(),
    central: { url, tokenFile: 'central.token', batchSize: opts.batchSize ?? 4, retryMaxSeconds: 0.2 },
  };
  const outbox: Outbox = startOutbox({ db, config, dataDir: dir, clock: new ManualClock(h.now) });
  cleanups.push(() => removeTempDir(dir));
  cleanups.push(() => void db.close());
  cleanups.push(() => outbox.stop());
  return { db, outbox };
}

async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const unshipped = (db: Db) =>
  (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE shipped_at IS NULL').get() as { n: number }).n;

describe('outbox shipper', () => {
  it('sends every event once, in order, in small batches with the office token, then marks them shipped', async () => {
    const central = await fakeCentral([]);
    const { db, outbox } = office(central.url, 10);
    await until(() => unshipped(db) === 0);
    expect(central.received.map((r) => r.batch.events.map((e) => e.seq))).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(new Set(central.received.map((r) => r.auth))).toEqual(new Set(['Bearer office-token-dps']));
    expect(central.received[0]!.batch).toMatchObject({ officeCode: 'DPS', timeZone: 'Asia/Makassar' });
    expect(central.received[0]!.batch.events[0]).toMatchObject({
      seq: 1,
      type: 'ticket.issued',
      day: '2026-11-28',
      payload: { number: 'F001', serviceId: 'informasi', stageIndex: 0, booked: false },
    });
    expect(outbox.status()).toMatchObject({ shipped: 10, lastShippedSeq: 10, consecutiveFailures: 0 });
  });

  it('keeps a batch while central fails and sends it again until it is taken', async () => {
    const central = await fakeCentral([503, 500, 503]);
    const { db, outbox } = office(central.url, 3);
    await until(() => unshipped(db) === 0);
    expect(central.received.map((r) => r.batch.events.map((e) => e.seq))).toEqual([[1, 2, 3]]);
    expect(outbox.status()).toMatchObject({ shipped: 3, consecutiveFailures: 0, lastError: null });
  });

  it('without a token file it sends nothing, keeps everything and says why', async () => {
    const central = await fakeCentral([]);
    const { db, outbox } = office(central.url, 2, { token: null });
    await until(() => (outbox.status()?.consecutiveFailures ?? 0) >= 2);
    expect(central.received).toEqual([]);
    expect(unshipped(db)).toBe(2);
    expect(outbox.status()?.lastError).toMatch(/no office token in central\.token/);
  });
});
