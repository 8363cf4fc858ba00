import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToInstant } from '@giliran/shared';
import { DEFAULT_CONFIG_PATH, DEMO_PASSWORD, loadOfficeConfig, ManualClock, type App } from '@giliran/server';
import {
  api,
  closeAll,
  connect,
  demoBookings,
  login,
  postFrom,
  request,
  type ClientSocket,
} from '../support/clients.ts';
import { serveDemoApp } from '../support/demo-app.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

// Guessing and flooding are bounded by the limits of server/config/denpasar.json (policy.rateLimits):
// the numbers below are those defaults, written out. The clock is moved by hand to show a limit
// lifting when its window has passed.
const TOO_MANY = (seconds: number) => ({
  code: 'too_many_attempts',
  message: `Terlalu banyak percobaan yang salah. Coba lagi dalam ${seconds} detik.`,
  params: { seconds },
});
const RATE_LIMITED = (seconds: number) => ({
  ok: false,
  error: {
    code: 'rate_limited',
    message: 'Terlalu banyak percobaan. Silakan tunggu sebentar atau hubungi petugas.',
    params: { seconds },
  },
});

describe('abuse limits', () => {
  const dir = makeTempDir('abuse');
  const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
  const clock = new ManualClock(localToInstant('2026-03-10', '10:30', config.office.timeZone));
  let app: App;
  let url: string;
  let admin: string;
  const sockets: ClientSocket[] = [];
  /** Moves past every window (the longest is 300 s) so each test starts clean. */
  const nextWindow = () => clock.advance(301_000);
  const audit = (action: string) =>
    app.db.prepare('SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
      actor: string;
      detail: string;
    }[];

  beforeAll(async () => {
    ({ app, url } = await serveDemoApp({ config, dataDir: dir, clock, printer: null }));
    admin = await login(url, 'admin');
  });
  afterAll(async () => {
    closeAll(...sockets);
    await app?.close();
    removeTempDir(dir);
  });

  const signIn = (username: string, password: string, from: string) =>
    postFrom<{ token?: string; error?: unknown }>(url, '/api/login', { username, password }, from);

  it('locks a username after 5 wrong passwords, from any address, and logs each failure', async () => {
    nextWindow();
    for (let i = 0; i < 5; i++) {
      const r = await signIn('petugas1', `salah-${i}`, '127.0.0.2');
      expect(r.status).toBe(401);
      expect(r.body.error).toMatchObject({ code: 'login_failed' });
    }
    // Even the right password, even from another address: refused without being checked.
    for (const from of ['127.0.0.2', '127.0.0.3']) {
      const r = await signIn('petugas1', DEMO_PASSWORD, from);
      expect(r.status).toBe(429);
      expect(r.headers['retry-after']).toBe('300');
      expect(r.body.error).toEqual(TOO_MANY(300));
    }
    expect((await signIn('petugas2', DEMO_PASSWORD, '127.0.0.3')).status).toBe(200);
    clock.advance(300_000);
    expect((await signIn('petugas1', DEMO_PASSWORD, '127.0.0.2')).status).toBe(200);

    const failed = audit('auth.login_failed').filter((r) => r.detail.includes('"petugas1"'));
    expect(failed).toHaveLength(5);
    expect(JSON.parse(failed[0]?.detail ?? '{}')).toEqual({ username: 'petugas1', address: '127.0.0.2' });
    expect(failed[0]?.actor).toBe('address:127.0.0.2');
    expect(audit('auth.login_locked').map((r) => JSON.parse(r.detail) as unknown)).toContainEqual({
      username: 'petugas1',
      address: '127.0.0.2',
    });
  });

  it('locks an address after 10 wrong passwords for any usernames', async () => {
    nextWindow();
    for (let i = 0; i < 10; i++) expect((await signIn(`tamu${i}`, 'salah', '127.0.0.4')).status).toBe(401);
    const r = await signIn('petugas3', DEMO_PASSWORD, '127.0.0.4');
    expect(r.status).toBe(429);
    expect(r.body.error).toEqual(TOO_MANY(300));
    expect((await signIn('petugas3', DEMO_PASSWORD, '127.0.0.5')).status).toBe(200);
  });

  it('past 30 wrong passwords a minute in the office, only known officers without failures may try', async () => {
    nextWindow();
    for (let a = 1; a <= 3; a++)
      for (let i = 0; i < 10; i++)
        expect((await signIn(`penyerang${a}-${i}`, 'salah', `127.0.4.${a}`)).status).toBe(401);
    const stranger = await signIn('penyerang-baru', 'salah', '127.0.4.9');
    expect(stranger.status).toBe(429);
    expect(stranger.body.error).toEqual(TOO_MANY(60));
    expect((await signIn('petugas4', DEMO_PASSWORD, '127.0.4.9')).status).toBe(200);
    // An officer who just mistyped is not "without failures" any more: refused while it lasts.
    expect((await signIn('petugas5', 'salah', '127.0.4.10')).status).toBe(401);
    expect((await signIn('petugas5', DEMO_PASSWORD, '127.0.4.10')).status).toBe(429);
  });

  const newCode = async () => {
    const r = await api<{ code: string }>(url, 'POST', '/api/admin/pairing-codes', {
      token: admin,
      body: { role: 'board', name: 'Layar uji' },
    });
    expect(r.status).toBe(200);
    return r.body.code;
  };
  const pair = (code: string, from: string) =>
    postFrom<{ error?: unknown }>(url, '/api/pair', { code }, from);
  /** A code no one was given (codes are 8 digits; this one has 6). */
  const WRONG = '000000';

  it('refuses pairing from an address after 5 wrong codes a minute', async () => {
    nextWindow();
    const code = await newCode();
    for (let i = 0; i < 5; i++) expect((await pair(WRONG, '127.0.1.1')).status).toBe(401);
    const r = await pair(code, '127.0.1.1');
    expect(r.status).toBe(429);
    expect(r.body.error).toEqual(TOO_MANY(60));
    expect((await pair(code, '127.0.1.2')).status).toBe(200);
    expect(audit('pairing.failed').map((a) => JSON.parse(a.detail) as unknown)).toContainEqual({
      address: '127.0.1.1',
      burnt: 0,
    });
  });

  it('refuses pairing everywhere after 20 wrong codes a minute in the office', async () => {
    nextWindow();
    for (let a = 1; a <= 4; a++)
      for (let i = 0; i < 5; i++) expect((await pair(WRONG, `127.0.2.${a}`)).status).toBe(401);
    const r = await pair(WRONG, '127.0.2.5');
    expect(r.status).toBe(429);
    expect(r.body.error).toEqual(TOO_MANY(60));
  });

  it('burns every valid code after 10 wrong codes tried while it was valid', async () => {
    nextWindow();
    const code = await newCode();
    for (let a = 1; a <= 2; a++)
      for (let i = 0; i < 5; i++) expect((await pair(WRONG, `127.0.3.${a}`)).status).toBe(401);
    nextWindow(); // 5 min later: no address or office limit any more, the code still within its 15 min
    const r = await pair(code, '127.0.3.9');
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'pairing_code_invalid' });
    expect(
      audit('pairing.failed')
        .map((a) => JSON.parse(a.detail) as { burnt: number })
        .at(-2),
    ).toEqual({
      address: '127.0.3.2',
      burnt: 1,
    });
    expect((await pair(await newCode(), '127.0.3.9')).status).toBe(200);
  });

  const kiosk = async (token: string) => {
    const s = (await connect(url, { token })).socket;
    sockets.push(s);
    return s;
  };

  it('limits booking-code look-ups (typed and scanned) per kiosk, apart from NIK look-ups', async () => {
    nextWindow();
    const k = await kiosk('demo-kiosk-1');
    const booking = demoBookings('2026-03-10')[0];
    for (let i = 0; i < 19; i++) {
      const r = await request(k, 'checkin:lookup', {
        method: 'code',
        value: `ZZ${String(i).padStart(6, '0')}`,
      });
      expect(r.ok ? 'found' : r.error.code).toBe('booking_not_found');
    }
    const scanned = await request(k, 'checkin:lookup', {
      method: 'qr',
      value: `KODE:${booking?.booking_code}`,
    });
    expect(scanned.ok).toBe(true);
    expect(
      await request(k, 'checkin:lookup', { method: 'code', value: booking?.booking_code ?? '' }),
    ).toEqual(RATE_LIMITED(60));
    expect(await request(k, 'checkin:lookup', { method: 'qr', value: 'MPASPOR:ZZ999999' })).toEqual(
      RATE_LIMITED(60),
    );
    // NIK look-ups have their own budget; another kiosk has its own.
    const nik = await request(k, 'checkin:lookup', { method: 'nik', value: booking?.nik ?? '' });
    expect(nik.ok).toBe(true);
    const other = await kiosk('demo-kiosk-2');
    expect(
      (await request(other, 'checkin:lookup', { method: 'code', value: booking?.booking_code ?? '' })).ok,
    ).toBe(true);
    clock.advance(60_000);
    expect(
      (await request(k, 'checkin:lookup', { method: 'code', value: booking?.booking_code ?? '' })).ok,
    ).toBe(true);
    // One audit row for the refused burst, not one per refusal.
    expect(audit('device.rate_limited').filter((r) => r.detail.includes('codeLookup'))).toHaveLength(1);
  });

  it('limits tickets issued per kiosk (walk-ins and check-ins together)', async () => {
    nextWindow();
    const k = await kiosk('demo-kiosk-1');
    for (let i = 0; i < 20; i++)
      expect((await request(k, 'ticket:walkin', { serviceId: 'informasi' })).ok).toBe(true);
    expect(await request(k, 'ticket:walkin', { serviceId: 'informasi' })).toEqual(RATE_LIMITED(60));
    expect(await request(k, 'checkin:confirm', { bookingCodes: ['MP0000000'] })).toEqual(RATE_LIMITED(60));
    const other = await kiosk('demo-kiosk-2');
    expect((await request(other, 'ticket:walkin', { serviceId: 'informasi' })).ok).toBe(true);
  });

  it('limits staff calls per device', async () => {
    nextWindow();
    const board = await kiosk('demo-board-1');
    for (let i = 0; i < 5; i++)
      expect((await request(board, 'staff:call', { reason: 'help' })).ok).toBe(true);
    expect(await request(board, 'staff:call', { reason: 'help' })).toEqual(RATE_LIMITED(60));
    clock.advance(60_000);
    expect((await request(board, 'staff:call', { reason: 'help' })).ok).toBe(true);
  });
});
