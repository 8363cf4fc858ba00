import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToInstant, type AppErrorBody, type HandshakeAuth } from '@giliran/shared';
import { DEFAULT_CONFIG_PATH, DEMO_PASSWORD, loadOfficeConfig, ManualClock, type App } from '@giliran/server';
import { serveDemoApp } from '../support/demo-app.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  api,
  closeAll,
  connect,
  login,
  ok,
  request,
  sleep,
  TEST_CLOCK_START,
  type ClientSocket,
} from '../support/clients.ts';
import { followTicket, type StreamRefused } from '../support/phone-stream.ts';

/** How a socket's connection ended: the server's stated reason, and Socket.IO's. */
interface Ending {
  ended: AppErrorBody | null;
  reason: string;
}

/** Resolves when `socket` is disconnected (bounded); `still connected` if it was not. */
function ending(socket: ClientSocket, timeoutMs: number): Promise<Ending | 'still connected'> {
  let ended: AppErrorBody | null = null;
  socket.on('session:ended', (e) => (ended = e));
  return Promise.race([
    new Promise<Ending>((resolve) => socket.once('disconnect', (reason) => resolve({ ended, reason }))),
    sleep(timeoutMs).then(() => 'still connected' as const),
  ]);
}

const UNAUTHENTICATED = {
  code: 'unauthenticated',
  message: 'Perangkat atau petugas belum masuk.',
  params: {},
};

// Live sockets follow the credential: the server that ends a session ends its sockets at once; a
// change made by another process (the admin CLI writing the database) is noticed within seconds.
describe('live sockets follow their credential (real server process)', () => {
  let srv: ServerProcess;
  const sockets: ClientSocket[] = [];
  /** The running server's database, opened by this (other) process as the admin CLI would. */
  let cli: Database.Database;

  beforeAll(async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
    cli = new Database(join(srv.dataDir, 'giliran.db'));
    cli.pragma('busy_timeout = 5000');
  });
  afterAll(async () => {
    closeAll(...sockets);
    cli?.close();
    await srv?.close();
  });

  const officer = async (username: string) => {
    const token = await login(srv.url, username);
    const c = await connect(srv.url, { token });
    sockets.push(c.socket);
    return { token, socket: c.socket };
  };

  it('an officer disabled by another process is disconnected within seconds', async () => {
    const desk = await officer('petugas4');
    const end = ending(desk.socket, 6_000);
    cli.prepare("UPDATE users SET disabled_at = 1 WHERE username = 'petugas4'").run();
    expect(await end).toEqual({ ended: UNAUTHENTICATED, reason: 'io server disconnect' });
    await expect(connect(srv.url, { token: desk.token })).rejects.toThrow('unauthenticated');
  });

  it('a password changed by another process ends the officer’s sockets within seconds', async () => {
    const desk = await officer('petugas5');
    const end = ending(desk.socket, 6_000);
    // What `npm run admin -- reset-password` writes: only the hash. The database ends the sessions.
    cli
      .prepare("UPDATE users SET password_hash = 'scrypt$16384$AA==$AA==' WHERE username = 'petugas5'")
      .run();
    expect(await end).toEqual({ ended: UNAUTHENTICATED, reason: 'io server disconnect' });
  });

  it('a device revoked by another process is disconnected within seconds', async () => {
    const board = await connect(srv.url, { token: 'demo-board-1' });
    sockets.push(board.socket);
    const end = ending(board.socket, 6_000);
    cli.prepare("UPDATE devices SET revoked_at = 1 WHERE id = 'demo-board-1'").run();
    expect(await end).toEqual({ ended: UNAUTHENTICATED, reason: 'io server disconnect' });
  });
});

/** An in-process server on a clock the test moves, checking every socket each `credentialCheckMs`. */
function manualClockServer(credentialCheckMs: number) {
  const dir = makeTempDir('live');
  const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
  const clock = new ManualClock(localToInstant('2026-03-10', '10:00', config.office.timeZone));
  const rig = { clock, app: null as unknown as App, url: '', sockets: [] as ClientSocket[] };
  beforeAll(async () => {
    ({ app: rig.app, url: rig.url } = await serveDemoApp({
      config,
      dataDir: dir,
      clock,
      printer: null,
      credentialCheckMs,
    }));
  });
  afterAll(async () => {
    closeAll(...rig.sockets);
    await rig.app?.close();
    removeTempDir(dir);
  });
  return rig;
}

// The periodic check is 10 min away: what happens here is the server's own doing, at once, or the
// check before every command.
describe('live sockets follow their credential (at once)', () => {
  const rig = manualClockServer(600_000);
  const officer = async (username: string) => {
    const token = await login(rig.url, username);
    const c = await connect(rig.url, { token });
    rig.sockets.push(c.socket);
    return { token, socket: c.socket };
  };

  it('logout ends that session’s sockets at once, not the officer’s other sessions', async () => {
    const desk = await officer('petugas2');
    const other = await officer('petugas2');
    await ok(desk.socket, 'counter:open', { counterId: 'loket-2' });
    const end = ending(desk.socket, 1_000);
    const otherEnd = ending(other.socket, 1_000);
    expect((await api(rig.url, 'POST', '/api/logout', { token: desk.token })).status).toBe(200);
    expect(await end).toEqual({ ended: UNAUTHENTICATED, reason: 'io server disconnect' });
    expect(await otherEnd).toBe('still connected');
    await expect(connect(rig.url, { token: desk.token })).rejects.toThrow('unauthenticated');
  });

  it('a password reset through the API ends every socket of that officer at once', async () => {
    const a = await officer('petugas3');
    const b = await officer('petugas3');
    const ends = [ending(a.socket, 1_000), ending(b.socket, 1_000)];
    const r = await api(rig.url, 'POST', '/api/admin/users', {
      token: await login(rig.url, 'admin'),
      body: { username: 'petugas3', displayName: 'Petugas 3', password: 'kata-sandi-baru', role: 'counter' },
    });
    expect(r.status).toBe(200);
    for (const e of await Promise.all(ends))
      expect(e).toEqual({ ended: UNAUTHENTICATED, reason: 'io server disconnect' });
    expect((await api(rig.url, 'GET', '/api/me', { token: a.token })).status).toBe(401);
  });

  it('refuses a command from a socket whose credential ended, before the periodic check', async () => {
    const token = await login(rig.url, 'petugas6');
    const desk = (await connect(rig.url, { token })).socket;
    rig.sockets.push(desk);
    await ok(desk, 'counter:open', { counterId: 'loket-6' });
    rig.app.db.prepare("UPDATE users SET disabled_at = 1 WHERE username = 'petugas6'").run();
    const end = ending(desk, 2_000);
    const r = await request(desk, 'ticket:call', {});
    expect(r).toEqual({ ok: false, error: UNAUTHENTICATED });
    expect(await end).toEqual({ ended: UNAUTHENTICATED, reason: 'io server disconnect' });
  });
});

describe('live sockets follow their credential (expiry, checked every 100 ms)', () => {
  const rig = manualClockServer(100);

  it('ends a live session when it expires (16 h), and a phone when its day is over', async () => {
    const { clock, url, sockets } = rig;
    const token = await login(url, 'petugas7');
    const desk = (await connect(url, { token })).socket;
    const kiosk = (await connect(url, { token: 'demo-kiosk-1' })).socket;
    const walkin = await ok(kiosk, 'ticket:walkin', { serviceId: 'informasi' });
    const trackToken = walkin.tickets[0]?.print.trackingUrl.split('/t/')[1] ?? '';
    const phone = await followTicket(url, trackToken);
    sockets.push(desk, kiosk);

    clock.advance(15 * 60 * 60_000); // 01:00 the next day, WITA: the session has an hour left
    await Promise.race([phone.closed, sleep(3_000)]);
    expect(phone.ended).toEqual({
      code: 'tracking_unknown',
      message: 'Nomor antrean tidak ditemukan atau sudah kedaluwarsa.',
      params: {},
    });
    const deskEnd = ending(desk, 1_000);
    expect(await deskEnd).toBe('still connected');

    clock.advance(60 * 60_000 + 1);
    expect(await ending(desk, 3_000)).toEqual({ ended: UNAUTHENTICATED, reason: 'io server disconnect' });
    expect(kiosk.connected).toBe(true);
    expect(
      (await api(url, 'POST', '/api/login', { body: { username: 'petugas7', password: DEMO_PASSWORD } }))
        .status,
    ).toBe(200);
  });
});

describe('phones need a real tracking token', () => {
  let srv: ServerProcess;
  beforeAll(async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('refuses an unknown token before any stream, with the reason the phone page shows', async () => {
    for (const trackToken of ['no-such-ticket', 'x'.repeat(64), '__proto__']) {
      const err = await followTicket(srv.url, trackToken).then(
        (p) => {
          p.close();
          return null;
        },
        (e: unknown) => e as StreamRefused,
      );
      expect(err?.status, trackToken).toBe(404);
      expect(err?.error?.message).toBe('Nomor antrean tidak ditemukan atau sudah kedaluwarsa.');
    }
    const kiosk = (await connect(srv.url, { token: 'demo-kiosk-1' })).socket;
    const walkin = await ok(kiosk, 'ticket:walkin', { serviceId: 'informasi' });
    kiosk.close();
    const trackToken = walkin.tickets[0]?.print.trackingUrl.split('/t/')[1] ?? '';
    const phone = await followTicket(srv.url, trackToken);
    expect(phone.updates[0]?.number).toBe(walkin.tickets[0]?.ticket.number);
    phone.close();
  });

  it('refuses a tracking token at the Socket.IO handshake: phones only listen, over HTTP', async () => {
    const kiosk = (await connect(srv.url, { token: 'demo-kiosk-1' })).socket;
    const walkin = await ok(kiosk, 'ticket:walkin', { serviceId: 'informasi' });
    kiosk.close();
    const trackToken = walkin.tickets[0]?.print.trackingUrl.split('/t/')[1] ?? '';
    const err = await connect(srv.url, { trackToken } as unknown as HandshakeAuth).then(
      (c) => {
        c.socket.close();
        return null;
      },
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe('unauthenticated');
  });
});
