import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createCentralApp, type Pool } from '@giliran/central';
import type { Cluster } from '@giliran/central/dev';
import { clockStartingAt, type App } from '@giliran/server';
import {
  officeConfig,
  officeTraffic,
  postgresMissing,
  seedCentral,
  startOffice,
  startTestCluster,
} from '../support/central.ts';
import { freePort } from '../support/server-process.ts';
import { closeAll, connect, eventually, TEST_CLOCK_START } from '../support/clients.ts';
import { removeTempDir } from '../support/temp-dir.ts';

const missing = postgresMissing();
if (missing) console.warn(`[central-faults] SKIPPED: ${missing}`);

/**
 * Failures between a real office server (its outbox and shipper) and a real central service on a
 * real PostgreSQL: central down then back, PostgreSQL restarted under ingest. "Every event arrives
 * exactly once" is checked against the office's own outbox: the same seqs, each stored once, and
 * rollups that count each once. The hour of downtime of the issue is compressed: the office's
 * backoff cap is set to 0.5 s, so many retries happen in seconds.
 */
describe.skipIf(missing !== null)('central failures (real office, real PostgreSQL)', () => {
  let cluster: Cluster;
  let n = 0;
  const cleanup: (() => unknown)[] = [];

  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await cluster?.destroy();
  });

  /** Central in this process on a fixed port, so it can go away and come back at the same address. */
  function centralOn(pool: Pool, port: number) {
    let app: ReturnType<typeof createCentralApp> | null = null;
    const up = async () => {
      app = createCentralApp({ pool, timeZone: 'Asia/Jakarta' });
      await app.listen(port, '127.0.0.1');
    };
    const down = () =>
      new Promise<void>((ok) => {
        const a = app;
        app = null;
        if (!a) return ok();
        a.http.close(() => ok());
        a.http.closeAllConnections();
      });
    cleanup.push(down);
    return { up, down };
  }

  async function rig() {
    const seeded = await seedCentral(cluster, `faults_${++n}`, { DPS: 'Bali' });
    cleanup.push(() => seeded.pool.end());
    const port = await freePort();
    const central = centralOn(seeded.pool, port);
    await central.up();
    const config = officeConfig('DPS', `http://127.0.0.1:${port}/`, { batchSize: 10, retryMaxSeconds: 0.5 });
    // Inside opening hours whenever the test runs (the office refuses walk-ins when closed).
    const clock = clockStartingAt(TEST_CLOCK_START, config.office.timeZone);
    const office = await startOffice(config, seeded.tokens.DPS as string, clock);
    cleanup.push(() => removeTempDir(office.dataDir));
    let closed = false;
    const closeOffice = async () => {
      if (!closed) await office.app.close();
      closed = true;
    };
    cleanup.push(closeOffice);
    return { ...seeded, central, office, closeOffice, clock };
  }

  const outbox = (app: App) =>
    app.db.prepare('SELECT seq, type, shipped_at FROM outbox ORDER BY seq').all() as {
      seq: number;
      type: string;
      shipped_at: number | null;
    }[];
  const unshipped = (app: App) => outbox(app).filter((r) => r.shipped_at === null).length;

  /** Central has exactly the office's outbox: same seq and type, once each, and counted once. */
  async function expectExactlyOnce(pool: Pool, app: App, issued: number, served: number) {
    const sent = outbox(app).map((r) => ({ seq: r.seq, type: r.type }));
    const { rows } = await pool.query<{ seq: number; type: string }>(
      'SELECT seq::int AS seq, type FROM events ORDER BY seq',
    );
    expect(rows).toEqual(sent);
    const stats = await pool.query<{ events: number; issued: number; served: number }>(
      "SELECT events, issued, served FROM office_stats WHERE grain = 'd'",
    );
    expect(stats.rows).toEqual([{ events: sent.length, issued, served }]);
    const office = await pool.query<{ max_seq: number; events_received: number }>(
      'SELECT max_seq, events_received FROM offices',
    );
    expect(office.rows).toEqual([{ max_seq: sent.length, events_received: sent.length }]);
  }

  it('central down for a while, then back: every event arrives exactly once', async () => {
    const { pool, central, office } = await rig();
    // Screens get the office configuration, but not where and how it reports to central.
    const board = await connect(office.url, { token: 'demo-board-1' });
    expect(board.snapshot?.config.office.code).toBe('DPS');
    expect(board.snapshot?.config).not.toHaveProperty('central');
    closeAll(board.socket);

    const morning = await officeTraffic(office.url, { tickets: 5 });
    await eventually(() => (unshipped(office.app) === 0 ? true : undefined), 10_000, 'morning shipped');

    await central.down();
    const midday = await officeTraffic(office.url, { tickets: 20, noShowEvery: 5 });
    await eventually(
      () => ((office.app.outbox.status()?.consecutiveFailures ?? 0) >= 3 ? true : undefined),
      10_000,
      'retries while central is down',
    );
    expect(unshipped(office.app)).toBeGreaterThan(100);
    expect(office.app.outbox.status()?.lastError).toMatch(/cannot reach central: ECONNREFUSED/);

    await central.up();
    await eventually(() => (unshipped(office.app) === 0 ? true : undefined), 15_000, 'backlog shipped');
    expect(office.app.outbox.status()).toMatchObject({ consecutiveFailures: 0, lastError: null });
    await expectExactlyOnce(pool, office.app, 25, morning.completed + midday.completed);
  });

  it('PostgreSQL restarted while a backlog is being ingested: every event arrives exactly once', async () => {
    const { pool, central, office } = await rig();
    await central.down();
    const day = await officeTraffic(office.url, { tickets: 30 });
    expect(unshipped(office.app)).toBeGreaterThan(200);
    const failedBefore = office.app.outbox.status()?.failedAttempts ?? 0;

    await central.up();
    await eventually(
      () => ((office.app.outbox.status()?.shipped ?? 0) > 0 ? true : undefined),
      10_000,
      'drain started',
    );
    await cluster.restart(); // every connection is cut mid-drain; the data stays
    await eventually(
      () => (unshipped(office.app) === 0 ? true : undefined),
      20_000,
      'backlog shipped after the restart',
    );
    // The restart really hit ingest: some batches were refused (503) or cut, and sent again.
    expect(office.app.outbox.status()?.failedAttempts ?? 0).toBeGreaterThan(failedBefore);
    await expectExactlyOnce(pool, office.app, 30, day.completed);
  });

  it('keeps shipping after the office server restarts with a backlog (resumes where it stopped)', async () => {
    const { pool, central, office, closeOffice, clock } = await rig();
    await central.down();
    const day = await officeTraffic(office.url, { tickets: 8 });
    const backlog = unshipped(office.app);
    expect(backlog).toBeGreaterThan(40);
    // Stop the office, bring central back, start the office again on the same data.
    await closeOffice();
    await central.up();
    const { createApp } = await import('@giliran/server');
    const again = createApp({
      config: office.app.service.config,
      dataDir: office.dataDir,
      clock,
      printer: null,
    });
    cleanup.push(() => again.close());
    await eventually(
      () => (unshipped(again) === 0 ? true : undefined),
      10_000,
      'backlog shipped after restart',
    );
    await expectExactlyOnce(pool, again, 8, day.completed);
  });
});
