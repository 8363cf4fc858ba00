import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventPayloadSchema } from '@giliran/shared';
import { ManualClock } from '../clock.ts';
import * as engine from '../engine/engine.ts';
import { applyChanges, type Changes, type QueueState } from '../engine/state.ts';
import { EngineHarness } from '../engine/test-harness.ts';
import type { EngineContext, Outcome } from '../engine/engine.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { QueueStore } from '../store/queue-store.ts';
import { startOutbox } from './outbox.ts';
import { makeTempDir, removeTempDir } from '../../../tests/support/temp-dir.ts';

const dirs: string[] = [];
function tempDb(): { path: string; dir: string } {
  const dir = makeTempDir('outbox');
  dirs.push(dir);
  return { dir, path: join(dir, 'giliran.db') };
}
afterEach(() => {
  for (const d of dirs.splice(0)) removeTempDir(d);
});

interface Row {
  seq: number;
  office_code: string;
  type: string;
  day: string;
  payload: string;
  created_at: number;
  shipped_at: number | null;
}
const outboxRows = (db: Db) => db.prepare('SELECT * FROM outbox ORDER BY seq').all() as Row[];
const count = (db: Db, table: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Runs commands through the real store (one transaction each), as the queue service does. */
function rig(path: string) {
  const h = new EngineHarness();
  const db = openDatabase(path);
  const store = new QueueStore(db, 'DPS');
  const run = <R>(cmd: (s: QueueState, c: EngineContext) => Outcome<R>): R => {
    const { changes, result } = cmd(h.state, h.ctx('officer:petugas1'));
    store.commitBatch([{ day: h.day, changes }]);
    applyChanges(h.state, changes);
    return result;
  };
  return { h, db, store, run };
}

/** A family of two checks in with their bookings, goes through both stages; a walk-in no-shows. */
function family(r: ReturnType<typeof rig>) {
  const { h, run, db } = r;
  const a = h.booking({ accountId: 'ACC-FAM', fullName: 'Ni Luh Ariani', birthDate: '1990-08-05' });
  const b = h.booking({ accountId: 'ACC-FAM', fullName: 'I Made Wirawan', birthDate: '1988-01-17' });
  for (const x of [a, b])
    db.prepare(
      `INSERT INTO bookings (code, nik_hmac, masked_nik, full_name, birth_date, application_type, office_code,
        arrival_date, window_start, window_end, payment_status, account_id, imported_at, updated_at)
       VALUES (?, 'hmac', ?, ?, ?, ?, 'DPS', ?, ?, ?, 'paid', ?, 0, 0)`,
    ).run(
      x.code,
      x.maskedNik,
      x.fullName,
      x.birthDate,
      x.applicationType,
      x.arrivalDate,
      x.windowStart,
      x.windowEnd,
      x.accountId,
    );
  h.setTime('08:05');
  run((s, c) => engine.checkIn(s, [a, b], c));
  run((s, c) => engine.walkIn(s, 'informasi', c));
  run((s, c) => engine.openCounter(s, { counterId: 'loket-1', officer: 'petugas1' }, c));
  run((s, c) => engine.openCounter(s, { counterId: 'loket-4', officer: 'petugas4' }, c));
  run((s, c) => engine.openCounter(s, { counterId: 'loket-8', officer: 'petugas8' }, c));
  h.setTime('08:26');
  run((s, c) => engine.callNext(s, 'loket-1', c));
  run((s, c) => engine.start(s, 'loket-1', c));
  h.setTime('08:32');
  run((s, c) => engine.transfer(s, 'loket-1', undefined, c));
  h.setTime('08:40');
  run((s, c) => engine.callNext(s, 'loket-4', c));
  run((s, c) => engine.start(s, 'loket-4', c));
  h.setTime('08:49');
  run((s, c) => engine.complete(s, 'loket-4', c));
  run((s, c) => engine.callNext(s, 'loket-8', c));
  run((s, c) => engine.recall(s, 'loket-8', c));
  run((s, c) => engine.recall(s, 'loket-8', c));
  run((s, c) => engine.noShow(s, 'loket-8', c));
  return { a, b };
}

describe('outbox', () => {
  it('gets one event per audit row, in the same order, seq rising, payloads in the shared schemas', () => {
    const r = rig(tempDb().path);
    family(r);
    const rows = outboxRows(r.db);
    const audit = r.db.prepare('SELECT action, day, at FROM audit_log ORDER BY id').all() as {
      action: string;
      day: string;
      at: number;
    }[];
    expect(rows.map((x) => [x.type, x.day, x.created_at])).toEqual(audit.map((a) => [a.action, a.day, a.at]));
    expect(rows.map((x) => x.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((x) => x.office_code))).toEqual(new Set(['DPS']));
    for (const x of rows) {
      const schema = eventPayloadSchema(x.type);
      expect(schema, x.type).not.toBeNull();
      expect(schema!.safeParse(JSON.parse(x.payload)).success, x.payload).toBe(true);
    }
    // Literal payloads of the first call (both family members: waited 21 min at stage 0) and a transfer.
    const called = rows.filter((x) => x.type === 'ticket.called').map((x) => JSON.parse(x.payload) as object);
    expect(called[0]).toEqual({
      number: 'A001',
      stageId: 'verifikasi',
      counterId: 'loket-1',
      durationMs: 21 * 60_000,
      priority: false,
      booked: true,
      applicationType: 'baru',
      serviceId: 'mpaspor',
      stageIndex: 0,
    });
    const transferred = rows.find((x) => x.type === 'ticket.transferred');
    expect(JSON.parse(transferred!.payload)).toEqual({
      number: 'A001',
      stageId: 'verifikasi',
      counterId: 'loket-1',
      durationMs: 6 * 60_000,
      priority: false,
      booked: true,
      applicationType: 'baru',
      toStageId: 'foto',
      toServiceId: 'mpaspor',
    });
    expect(JSON.parse(rows.find((x) => x.type === 'counter.opened')!.payload)).toEqual({
      counterId: 'loket-1',
      stages: ['verifikasi'],
    });
    r.db.close();
  });

  it('carries no name, NIK, birth date, booking code, tracking token, group or officer', () => {
    const r = rig(tempDb().path);
    const { a, b } = family(r);
    const text = outboxRows(r.db)
      .map((x) => x.payload)
      .join('\n');
    const tickets = [...r.h.state.tickets.values()];
    const secrets = [
      a.code,
      b.code,
      a.fullName,
      b.fullName,
      'Ni Luh',
      a.birthDate,
      b.birthDate,
      a.maskedNik,
      a.accountId,
      'petugas',
      ...tickets.map((t) => t.trackToken),
      ...tickets.flatMap((t) => (t.groupId ? [t.groupId] : [])),
      ...tickets.map((t) => t.id),
    ];
    expect(tickets.some((t) => t.groupId)).toBe(true); // the family really is a group
    for (const s of secrets) expect(text, s).not.toContain(s);
    expect(text).not.toMatch(/\d{16}/);
    // Only whitelisted keys, whatever the event.
    const allowed = new Set([
      'number',
      'serviceId',
      'stageId',
      'stageIndex',
      'counterId',
      'priority',
      'booked',
      'applicationType',
      'durationMs',
      'recalls',
      'toStageId',
      'toServiceId',
      'windowStart',
      'windowEnd',
      'stages',
    ]);
    for (const x of outboxRows(r.db))
      for (const k of Object.keys(JSON.parse(x.payload) as object)) expect(allowed, k).toContain(k);
    r.db.close();
  });

  it('a refused batch leaves no outbox row (nor ticket or audit row)', () => {
    const r = rig(tempDb().path);
    const first = engine.walkIn(r.h.state, 'informasi', r.h.ctx());
    r.store.commitBatch([{ day: r.h.day, changes: first.changes }]);
    const before = outboxRows(r.db);
    expect(before.length).toBe(1);
    // Two commands in one batch; the second reuses a number (state not advanced: F001 again), so
    // the database refuses the whole batch, the first command's rows included.
    const ok = engine.walkIn(r.h.state, 'pengambilan', r.h.ctx());
    const dup = engine.walkIn(r.h.state, 'informasi', r.h.ctx());
    const batch: { day: string; changes: Changes }[] = [
      { day: r.h.day, changes: ok.changes },
      { day: r.h.day, changes: dup.changes },
    ];
    expect(() => r.store.commitBatch(batch)).toThrow(/UNIQUE/);
    expect(outboxRows(r.db)).toEqual(before);
    expect([count(r.db, 'tickets'), count(r.db, 'audit_log')]).toEqual([1, 1]);
    r.db.close();
  });

  it('a process killed inside the commit leaves no outbox row (nor ticket or audit row)', () => {
    const { path } = tempDb();
    const r = rig(path);
    r.run((s, c) => engine.walkIn(s, 'informasi', c));
    r.db.close();
    // A child process commits a walk-in and is SIGKILLed from inside the transaction, right after
    // the store wrote the outbox row (a temporary trigger on that connection only).
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'crash-in-commit.fixture.ts'), path],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const db = openDatabase(path);
    expect([count(db, 'tickets'), count(db, 'audit_log'), count(db, 'outbox')]).toEqual([1, 1, 1]);
    db.close();
  });

  it('never reuses a seq, even after every row was pruned', async () => {
    const { path, dir } = tempDb();
    const r = rig(path);
    r.run((s, c) => engine.walkIn(s, 'informasi', c));
    r.run((s, c) => engine.walkIn(s, 'informasi', c));
    const clock = new ManualClock(r.h.now + 31 * 86_400_000);
    const outbox = startOutbox({ db: r.db, config: r.h.config, dataDir: dir, clock });
    expect(await outbox.prune()).toBe(2); // no central: older than retentionDays (30) goes
    await outbox.stop();
    r.run((s, c) => engine.walkIn(s, 'informasi', c));
    expect(outboxRows(r.db).map((x) => x.seq)).toEqual([3]);
    r.db.close();
  });

  it('with central configured, prunes shipped rows after 7 days and never an unshipped one', async () => {
    const { path, dir } = tempDb();
    const r = rig(path);
    for (let i = 0; i < 5; i++) r.run((s, c) => engine.walkIn(s, 'informasi', c));
    r.db.prepare('UPDATE outbox SET shipped_at = created_at WHERE seq <= 3').run();
    const config = { ...r.h.config, central: { ...centralLink, url: 'http://127.0.0.1:9/' } };
    const at = (days: number) => new ManualClock(r.h.now + days * 86_400_000);
    let outbox = startOutbox({ db: r.db, config, dataDir: dir, clock: at(6) });
    expect(await outbox.prune()).toBe(0);
    await outbox.stop();
    outbox = startOutbox({ db: r.db, config, dataDir: dir, clock: at(400) });
    expect(await outbox.prune()).toBe(3);
    await outbox.stop();
    expect(outboxRows(r.db).map((x) => [x.seq, x.shipped_at])).toEqual([
      [4, null],
      [5, null],
    ]);
    r.db.close();
  });
});

const centralLink = {
  url: 'http://127.0.0.1:9/',
  tokenFile: 'central.token',
  batchSize: 200,
  retryMaxSeconds: 300,
};
