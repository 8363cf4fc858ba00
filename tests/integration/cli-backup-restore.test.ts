import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import {
  closeAll,
  connect,
  demoBookings,
  inWindow,
  login,
  ok,
  pickBookings,
  TEST_CLOCK_START,
  TEST_DATE,
  type ClientSocket,
} from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

const root = makeTempDir('backup');
const sockets: ClientSocket[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  closeAll(...sockets);
  for (const s of servers) await s.stop();
  removeTempDir(root);
});

/** The office day as stored: every ticket with its number and state, every audit row, the counters. */
function day(dataDir: string) {
  const db = new Database(join(dataDir, 'giliran.db'), { readonly: true, fileMustExist: true });
  try {
    return {
      tickets: db.prepare('SELECT * FROM tickets ORDER BY id').all(),
      audit: db.prepare('SELECT * FROM audit_log ORDER BY id').all(),
      counters: db.prepare('SELECT * FROM counters ORDER BY counter_id').all(),
      bookings: db.prepare('SELECT * FROM bookings ORDER BY code').all(),
      users: db.prepare('SELECT username, password_hash FROM users ORDER BY username').all(),
    };
  } finally {
    db.close();
  }
}

describe('npm run backup / npm run restore', () => {
  const live = join(root, 'live');
  const backup = join(root, 'office-backup.db');

  it('backs up a running server and restores the same day into a fresh data folder', async () => {
    const srv = await startServerProcess({ dataDir: live, clockStart: TEST_CLOCK_START });
    servers.push(srv);
    const kiosk = (await connect(srv.url, { token: 'demo-kiosk-1' })).socket;
    sockets.push(kiosk);
    const rows = pickBookings(demoBookings(TEST_DATE), inWindow, new Set(), 4);
    for (const r of rows) await ok(kiosk, 'checkin:confirm', { bookingCodes: [r.booking_code] });
    for (let i = 0; i < 3; i++) await ok(kiosk, 'ticket:walkin', { serviceId: 'informasi' });
    const counter = (await connect(srv.url, { token: await login(srv.url, 'petugas8') })).socket;
    sockets.push(counter);
    await ok(counter, 'counter:open', { counterId: 'loket-8' });
    await ok(counter, 'ticket:call', {});
    await ok(counter, 'ticket:complete', {});
    await ok(counter, 'ticket:call', {});

    // While the server runs and everything sits in the WAL.
    const b = await runCli('backup', [backup], { dataDir: live });
    expect(b.code, b.out).toBe(0);
    expect(b.stdout).toContain('7 tickets');
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(existsSync(`${backup}-wal`)).toBe(false); // one self-contained file

    // The restore refuses while the server holds the folder, and changes nothing.
    const busy = await runCli('restore', [backup, '--replace'], { dataDir: live });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('stop it first');

    closeAll(kiosk, counter);
    await srv.stop();
    const original = day(live);
    expect(original.tickets).toHaveLength(7);

    const fresh = join(root, 'fresh', 'data');
    const r = await runCli('restore', [backup], { dataDir: fresh, viaNpm: true });
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/npm (error|ERR!)/);
    expect(day(fresh)).toEqual(original);
    expect(readFileSync(join(fresh, 'installation.key'), 'utf8')).toBe(
      readFileSync(join(live, 'installation.key'), 'utf8'),
    );
    expect(statSync(join(fresh, 'installation.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(fresh, 'giliran.db')).mode & 0o777).toBe(0o600);

    // The restored office works: same numbers continue, and NIK look-ups (keyed by the restored key) find bookings.
    const again = await startServerProcess({ dataDir: fresh, clockStart: TEST_CLOCK_START });
    servers.push(again);
    const k2 = (await connect(again.url, { token: 'demo-kiosk-1' })).socket;
    sockets.push(k2);
    const first = rows[0]!;
    const byNik = await ok(k2, 'checkin:lookup', { method: 'nik', value: first.nik });
    expect(byNik.candidates.find((c) => c.bookingCode === first.booking_code)?.assessment.kind).toBe(
      'already',
    );
    const next = await ok(k2, 'ticket:walkin', { serviceId: 'informasi' });
    expect(next.tickets[0]?.ticket.number).toBe('F004');
    k2.close();
    await again.stop();
  });

  it('refuses a folder that has a database unless --replace, and keeps the old one beside it', async () => {
    const target = join(root, 'occupied');
    const first = await runCli('restore', [backup], { dataDir: target });
    expect(first.code, first.out).toBe(0);
    const refused = await runCli('restore', [backup], { dataDir: target });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('add --replace');
    const replaced = await runCli('restore', [backup, '--replace'], { dataDir: target });
    expect(replaced.code, replaced.out).toBe(0);
    expect(replaced.stdout).toMatch(/kept \/ disimpan: .*giliran\.db\.before-restore-/);
    expect(day(target).tickets).toHaveLength(7);
  });

  it('checks the backup before touching anything: not a backup, damaged, or from a newer Giliran', async () => {
    const target = join(root, 'untouched');
    const notBackup = join(root, 'plain.db');
    copyFileSync(join(live, 'giliran.db'), notBackup); // a database, but not made by npm run backup
    const newer = join(root, 'newer.db');
    copyFileSync(backup, newer);
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    const garbage = join(root, 'garbage.db');
    writeFileSync(garbage, 'this is not SQLite at all, just text that fills a page '.repeat(100));
    for (const [file, says] of [
      [notBackup, 'is not a Giliran backup'],
      [garbage, 'is not a Giliran backup'],
      [newer, 'made by a newer Giliran (schema 99'],
    ] as const) {
      const r = await runCli('restore', [file], { dataDir: target });
      expect({ file, code: r.code }).toEqual({ file, code: 1 });
      expect(r.stderr).toContain(says);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(target)).toBe(false);
  });

  it('backup says what is wrong in one line: no database, or a file that exists', async () => {
    const none = await runCli('backup', [join(root, 'x.db')], { dataDir: join(root, 'nothing-here') });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('there is no database');
    const exists = await runCli('backup', [backup], { dataDir: live });
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain('exists already');
  });
});
