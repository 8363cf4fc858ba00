import Database from 'better-sqlite3';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { api, connect, login, TEST_CLOCK_START } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

const dirs: string[] = [];
const servers: ServerProcess[] = [];
const tempDir = (name: string) => {
  const d = makeTempDir(name);
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) removeTempDir(d);
});
const start = async (opts: Parameters<typeof startServerProcess>[0]) => {
  const s = await startServerProcess(opts);
  servers.push(s);
  return s;
};

/** What a data folder holds that the demo would have put there. */
function contents(dataDir: string): { users: number; devices: number; bookings: number; mode: unknown } {
  const db = new Database(join(dataDir, 'giliran.db'), { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      users: n('SELECT count(*) AS n FROM users'),
      devices: n('SELECT count(*) AS n FROM devices'),
      bookings: n('SELECT count(*) AS n FROM bookings'),
      mode: (db.prepare("SELECT value FROM installation WHERE key = 'mode'").get() as { value: string })
        ?.value,
    };
  } finally {
    db.close();
  }
}

const isOneLine = (text: string) => text.trim().split('\n').length === 1 && !/\n\s+at /.test(text);

describe('a real office: no demo unless asked, and never into an office folder', () => {
  it('the server started as npm start / systemd (no GILIRAN_DEMO) seeds nothing and says how to begin', async () => {
    const dataDir = join(tempDir('prod'), 'data');
    const srv = await start({ dataDir, demo: 'unset', clockStart: TEST_CLOCK_START });
    expect(contents(dataDir)).toEqual({ users: 0, devices: 0, bookings: 0, mode: 'production' });
    const banner = srv.output.join('\n');
    expect(banner).toContain(`${srv.url}/dashboard`);
    expect(banner).toContain('npm run admin -- create-user --role admin USERNAME');
    // The demo's published credentials do not exist here.
    expect(
      (await api(srv.url, 'POST', '/api/login', { body: { username: 'admin', password: 'giliran-demo' } }))
        .status,
    ).toBe(401);
    await expect(connect(srv.url, { token: 'demo-kiosk-1' })).rejects.toThrow();

    // Data folder 0700; database, WAL, SHM and the installation key 0600, while the server runs.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const f of ['giliran.db', 'giliran.db-wal', 'giliran.db-shm', 'installation.key'])
      expect({ f, mode: statSync(join(dataDir, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
    await srv.stop();

    // The demo started later on the office's folder is refused in one line, and adds nothing.
    const demo = await startServerProcess({ dataDir, demo: true }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(demo).toMatch(/server exited \(1\)/);
    const said = (demo ?? '').split('\n').slice(1).join('\n');
    expect(said).toContain('refusing to add demo data');
    expect(isOneLine(said)).toBe(true);
    expect(contents(dataDir)).toEqual({ users: 0, devices: 0, bookings: 0, mode: 'production' });
  });

  it('a demo device an admin revoked stays revoked when the demo restarts', async () => {
    const dataDir = join(tempDir('demo'), 'data');
    let srv = await start({ dataDir, demo: true, clockStart: TEST_CLOCK_START });
    const admin = await login(srv.url, 'admin');
    expect((await api(srv.url, 'DELETE', '/api/admin/devices/demo-kiosk-1', { token: admin })).status).toBe(
      200,
    );
    await srv.stop();
    srv = await start({ dataDir, demo: true, clockStart: TEST_CLOCK_START });
    await expect(connect(srv.url, { token: 'demo-kiosk-1' })).rejects.toThrow();
    const kiosk2 = await connect(srv.url, { token: 'demo-kiosk-2' });
    kiosk2.socket.close();
    const devices = await api<{ id: string; revoked: boolean }[]>(srv.url, 'GET', '/api/devices', {
      token: await login(srv.url, 'admin'),
    });
    expect(devices.body.find((d) => d.id === 'demo-kiosk-1')?.revoked).toBe(true);
    expect(contents(dataDir).mode).toBe('demo');
    // And the demo folder does not serve an office: npm start on it is refused.
    await srv.stop();
    const prod = await startServerProcess({ dataDir, demo: 'unset' }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(prod).toContain('holds the demo');
  });

  it('a data folder that cannot be written stops the server with one line, not a stack trace', async () => {
    const file = join(tempDir('notadir'), 'data');
    writeFileSync(file, 'not a folder');
    // /sys refuses writes even to root (the tests run as root, so chmod cannot show this).
    for (const dataDir of ['/sys/giliran-test-data', file]) {
      const r = await startServerProcess({ dataDir, demo: 'unset' }).then(
        () => 'started',
        (e: Error) => e.message,
      );
      const said = r.split('\n').slice(1).join('\n');
      expect(r).toMatch(/server exited \(1\)/);
      expect(said).toContain(`Giliran: `);
      expect(said).toContain(dataDir);
      expect(isOneLine(said)).toBe(true);
    }
  });
});

describe('first admin and officers from the console: npm run admin', () => {
  it('creates the first admin (password from stdin), lists, resets, disables; old sessions stop', async () => {
    const dataDir = join(tempDir('admin'), 'data');
    const created = await runCli('admin', ['create-user', '--role', 'admin', '--name', 'Ayu Admin', 'ayu'], {
      dataDir,
      stdin: 'rahasia-kantor-1\n',
    });
    expect(created.code, created.out).toBe(0);
    expect(created.stdout).toContain('Officer ayu (admin) created');
    const again = await runCli('admin', ['create-user', '--role', 'admin', 'ayu'], {
      dataDir,
      stdin: 'rahasia-kantor-1\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
    const short = await runCli('admin', ['create-user', '--role', 'counter', 'budi'], {
      dataDir,
      stdin: 'pendek\n',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 8 characters');

    // Real time: the command counts sessions not yet expired by the machine's clock.
    const srv = await start({ dataDir, demo: 'unset' });
    const token = await login(srv.url, 'ayu', 'rahasia-kantor-1');
    const me = () => api(srv.url, 'GET', '/api/devices', { token });
    expect((await me()).status).toBe(200);
    const listed = await runCli('admin', ['list-users'], { dataDir });
    expect(listed.stdout).toMatch(/ayu\s+admin\s+Ayu Admin\s+aktif\/active\s+1\s/);

    const reset = await runCli('admin', ['reset-password', 'ayu'], { dataDir, stdin: 'rahasia-baru-22\n' });
    expect(reset.code, reset.out).toBe(0);
    expect((await me()).status).toBe(401); // the session of the old password ended
    await expect(login(srv.url, 'ayu', 'rahasia-kantor-1')).rejects.toThrow(/401/);
    const second = await login(srv.url, 'ayu', 'rahasia-baru-22');

    const disabled = await runCli('admin', ['disable-user', 'ayu'], { dataDir });
    expect(disabled.code, disabled.out).toBe(0);
    expect((await api(srv.url, 'GET', '/api/devices', { token: second })).status).toBe(401);
    await expect(login(srv.url, 'ayu', 'rahasia-baru-22')).rejects.toThrow(/401/);
    expect((await runCli('admin', ['list-users'], { dataDir })).stdout).toContain('nonaktif/disabled');
    expect((await runCli('admin', ['enable-user', 'ayu'], { dataDir })).code).toBe(0);
    expect(await login(srv.url, 'ayu', 'rahasia-baru-22')).toBeTruthy();
    expect((await runCli('admin', ['disable-user', 'nobody'], { dataDir })).stderr).toContain(
      'no officer nobody',
    );
  });

  it('npm run admin -- … prints its own message and no npm error lines when it refuses', async () => {
    const dataDir = join(tempDir('admin-npm'), 'data');
    const r = await runCli('admin', ['reset-password', 'nobody'], {
      dataDir,
      stdin: 'whatever-123\n',
      viaNpm: true,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no officer nobody');
    expect(r.out).not.toMatch(/npm (error|ERR!)/);
  });

  it('a data folder that cannot be written: every command says so in one line', async () => {
    for (const args of [['list-users'], ['disable-user', 'ayu']]) {
      const r = await runCli('admin', args, { dataDir: '/sys/giliran-test-data' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('/sys/giliran-test-data');
      expect(isOneLine(r.stderr)).toBe(true);
    }
  });
});
