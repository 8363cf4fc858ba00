import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.ts';
import * as engine from '../engine/engine.ts';
import { EngineHarness } from '../engine/test-harness.ts';
import { applyChanges } from '../engine/state.ts';
import { openDatabase } from './database.ts';
import { migrate, NewerDatabaseError, SCHEMA_VERSION } from './migrations/index.ts';
import { QueueStore } from './queue-store.ts';

/** A database path in a folder removed when the test finishes (close the database in the test). */
const tempDb = () => join(tempDir('store', onTestFinished), 'giliran.db');

describe('migrations', () => {
  it('bring a fresh file to the current version with WAL and foreign keys on', () => {
    const db = openDatabase(tempDb());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('refuse a database written by a newer version', () => {
    const path = tempDb();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(NewerDatabaseError);
  });

  it("002: a new password, a disabled account, a new role or a deleted user ends that officer's sessions", () => {
    const db = openDatabase(':memory:');
    const user = db.prepare(
      "INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, 'counter', 'h0', 0)",
    );
    const session = db.prepare(
      'INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, 0, 9e15)',
    );
    const sessionsOf = (u: string) =>
      (db.prepare('SELECT COUNT(*) n FROM sessions WHERE username = ?').get(u) as { n: number }).n;
    for (const u of ['ani', 'budi']) {
      user.run(u, u);
      session.run(`${u}-1`, u);
      session.run(`${u}-2`, u);
    }
    db.prepare("UPDATE users SET display_name = 'Ani S.' WHERE username = 'ani'").run();
    expect(sessionsOf('ani')).toBe(2); // a new display name is not a new credential
    db.prepare("UPDATE users SET password_hash = 'h1' WHERE username = 'ani'").run();
    expect([sessionsOf('ani'), sessionsOf('budi')]).toEqual([0, 2]);
    session.run('ani-3', 'ani');
    db.prepare("UPDATE users SET disabled_at = 1 WHERE username = 'ani'").run();
    expect(sessionsOf('ani')).toBe(0);
    db.prepare("UPDATE users SET role = 'admin' WHERE username = 'budi'").run();
    expect(sessionsOf('budi')).toBe(0);
    session.run('budi-3', 'budi');
    db.prepare("DELETE FROM users WHERE username = 'budi'").run(); // no foreign-key error: sessions go first
    expect(sessionsOf('budi')).toBe(0);
    expect(db.prepare('SELECT failed_attempts FROM pairing_codes').all()).toEqual([]);
    db.close();
  });

  it('roll back a failing migration whole', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); SELECT * FROM missing;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
  });
});

describe('queue store', () => {
  it('continues the day after a restart: same queue, numbers continue, counters hold their tickets', () => {
    const path = tempDb();
    const h = new EngineHarness();
    let db = openDatabase(path);
    let store = new QueueStore(db, h.config.office.code);
    const run = <R>(cmd: Parameters<EngineHarness['run']>[0]) => {
      const { changes, result } = cmd(h.state, h.ctx());
      store.commitBatch([{ day: h.state.day, changes }]);
      applyChanges(h.state, changes);
      return result as R;
    };
    for (let i = 0; i < 3; i++) run((s, c) => engine.walkIn(s, 'informasi', c));
    run((s, c) => engine.openCounter(s, { counterId: 'loket-8', officer: 'p1' }, c));
    run((s, c) => engine.callNext(s, 'loket-8', c));
    db.close();

    db = openDatabase(path);
    store = new QueueStore(db, h.config.office.code);
    const loaded = store.load(h.day, h.config);
    expect([...loaded.tickets.values()].map((t) => [t.number, t.status])).toEqual([
      ['F001', 'called'],
      ['F002', 'waiting'],
      ['F003', 'waiting'],
    ]);
    expect(loaded.counters.get('loket-8')).toMatchObject({
      mode: 'open',
      officer: 'p1',
      ticketIds: [h.state.counters.get('loket-8')!.ticketIds[0]],
    });
    expect(loaded.recentCalls.map((c) => c.numbers)).toEqual([['F001']]);
    const next = engine.walkIn(loaded, 'informasi', h.ctx());
    expect(next.result.tickets[0]!.ticket.number).toBe('F004');
    const actions = db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual([
      'ticket.issued',
      'ticket.issued',
      'ticket.issued',
      'counter.opened',
      'ticket.called',
    ]);
    db.close();
  });

  it('rejects a duplicate number at the database too (never two tickets with one number)', () => {
    const h = new EngineHarness();
    const db = openDatabase(tempDb());
    const store = new QueueStore(db, h.config.office.code);
    const { changes } = engine.walkIn(h.state, 'informasi', h.ctx());
    store.commitBatch([{ day: h.day, changes }]);
    const dup = engine.walkIn(h.state, 'informasi', h.ctx()); // state not advanced: same number again
    expect(() => store.commitBatch([{ day: h.day, changes: dup.changes }])).toThrow(/UNIQUE/);
    expect((db.prepare('SELECT COUNT(*) n FROM tickets').get() as { n: number }).n).toBe(1);
    db.close();
  });
});
