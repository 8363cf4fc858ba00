import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { localToInstant, type QueueSnapshot } from '@giliran/shared';
import { createApp, DEFAULT_CONFIG_PATH, loadOfficeConfig, ManualClock, seedDemo } from '@giliran/server';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { api, closeAll, connect, login, rawRequest, sleep, type ClientSocket } from '../support/clients.ts';

const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);

/** An in-process server (demo day) on a random loopback port; `tls` and origins as given. */
async function startApp(extra: Partial<Parameters<typeof createApp>[0]> = {}) {
  const dir = makeTempDir('sec');
  const clock = new ManualClock(localToInstant('2026-03-10', '10:30', config.office.timeZone));
  const app = createApp({ config, dataDir: dir, clock, printer: null, ...extra });
  await seedDemo(app, { kioskPrinterUri: null });
  const port = await app.listen(0, '127.0.0.1');
  return {
    app,
    port,
    close: async () => {
      await app.close();
      removeTempDir(dir);
    },
  };
}

/** Connects a raw client with the given options; resolves 'connected' or the connect error. */
function tryConnect(
  url: string,
  opts: Parameters<typeof io>[1],
): Promise<{ socket: Socket; outcome: string }> {
  const socket = io(url, { reconnection: false, forceNew: true, timeout: 5_000, ...opts });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ socket, outcome: 'timeout' }), 6_000);
    socket.once('queue:snapshot', () => {
      clearTimeout(timer);
      resolve({ socket, outcome: 'connected' });
    });
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      resolve({ socket, outcome: `refused: ${e.message}` });
    });
  });
}

describe('HTTP security headers, Origin check, frame limit, printer addresses', () => {
  let rig: Awaited<ReturnType<typeof startApp>>;
  let url: string;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    rig = await startApp({ allowedOrigins: new Set(['http://dev.kantor.lan:5173']) });
    url = `http://127.0.0.1:${rig.port}`;
  });
  afterAll(async () => {
    closeAll(...sockets);
    await rig?.close();
  });

  it('puts the security headers on every kind of response', async () => {
    const csp =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
      "media-src 'self' data: blob:; font-src 'self'; " +
      `connect-src 'self' ws://127.0.0.1:${rig.port}; worker-src 'none'; object-src 'none'; ` +
      "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    for (const path of [
      '/board',
      '/kiosk/',
      '/t/abc',
      '/api/health',
      '/api/nope',
      '/',
      '/socket.io/?EIO=4&transport=polling',
    ]) {
      const res = await fetch(`${url}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      expect(res.headers.get('content-security-policy'), path).toBe(csp);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('lets a browser page of this server or of an allowed origin open a socket, and no other', async () => {
    const cases: [string | undefined, 'websocket' | 'polling', string][] = [
      [undefined, 'websocket', 'connected'], // not a browser: the tests, the bench, Node clients
      [`http://127.0.0.1:${rig.port}`, 'websocket', 'connected'],
      [`http://127.0.0.1:${rig.port}`, 'polling', 'connected'],
      ['http://dev.kantor.lan:5173', 'websocket', 'connected'],
      ['http://evil.example', 'websocket', 'refused: websocket error'],
      ['http://evil.example', 'polling', 'refused: xhr poll error'],
      [`https://127.0.0.1:${rig.port}`, 'websocket', 'refused: websocket error'],
      [`http://127.0.0.1:${rig.port + 1}`, 'websocket', 'refused: websocket error'],
      ['null', 'websocket', 'refused: websocket error'],
    ];
    for (const [origin, transport, want] of cases) {
      const { socket, outcome } = await tryConnect(url, {
        auth: { token: 'demo-board-1' },
        transports: [transport],
        ...(origin ? { extraHeaders: { origin } } : {}),
      });
      socket.close();
      expect(outcome, `${origin} over ${transport}`).toBe(want);
    }
  });

  /**
   * The largest frame each command can legitimately be: every string at its schema's maximum, in
   * characters JSON must escape as `\uXXXX` (6 bytes each). Sizes are those of the text frame
   * Socket.IO sends: `42<ack id>[event, payload]`.
   */
  const c = '\u0001';
  const MAX_VALID: [string, string, unknown][] = [
    ['kiosk', 'checkin:lookup', { method: 'qr', value: c.repeat(512), lang: 'id' }],
    ['kiosk', 'checkin:confirm', { bookingCodes: Array(5).fill('A'.repeat(20)), lang: 'id' }],
    ['kiosk', 'ticket:print', { ticketIds: Array(5).fill(c.repeat(64)), lang: 'id' }],
    ['kiosk', 'staff:call', { reason: 'other', detail: c.repeat(200) }],
    [
      'kiosk',
      'device:report',
      {
        printer: { online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false },
        detail: c.repeat(200),
      },
    ],
    ['counter', 'counter:open', { counterId: c.repeat(64), stages: Array(10).fill(c.repeat(64)) }],
    ['counter', 'ticket:transfer', { toServiceId: c.repeat(64) }],
    ['supervisor', 'ticket:reinstate', { ticketId: c.repeat(64) }],
    ['supervisor', 'staff:acknowledge', { alertId: c.repeat(64) }],
  ];
  const frameBytes = (event: string, payload: unknown) =>
    Buffer.byteLength(`421000${JSON.stringify([event, payload])}`);

  it('answers the largest legitimate frame of every command (≈ 4.3 KB at most)', async () => {
    const tokens: Record<string, string> = {
      kiosk: 'demo-kiosk-1',
      counter: await login(url, 'petugas1'),
      supervisor: await login(url, 'supervisor'),
    };
    const byRole: Record<string, ClientSocket> = {};
    for (const [role, token] of Object.entries(tokens)) {
      byRole[role] = (await connect(url, { token })).socket;
      sockets.push(byRole[role]);
    }
    const sizes = MAX_VALID.map(([, event, payload]) => frameBytes(event, payload));
    expect(Math.max(...sizes)).toBe(4304); // counter:open; the limit is 16 384
    for (const [role, event, payload] of MAX_VALID) {
      const r = await rawRequest(byRole[role] as ClientSocket, event, [payload], 5_000);
      // Answered (often refused: no such counter or ticket), and the connection is still up.
      expect(r.ok || r.error.code !== 'invalid_payload', `${event}: ${JSON.stringify(r).slice(0, 100)}`).toBe(
        true,
      );
      expect(byRole[role]?.connected, event).toBe(true);
    }
  });

  it('refuses a frame over 16 KB before parsing it: the connection is closed, nothing answered', async () => {
    const board = (await connect(url, { token: 'demo-board-1' })).socket;
    sockets.push(board);
    const closed = new Promise<string>((ok) => board.once('disconnect', (reason) => ok(reason)));
    const detail = 'x'.repeat(16_400);
    expect(frameBytes('staff:call', { reason: 'help', detail })).toBeGreaterThan(16_384);
    const answer = rawRequest(board, 'staff:call', [{ reason: 'help', detail }], 3_000).catch(
      (e: Error) => e.message,
    );
    expect(await Promise.race([closed, sleep(3_000).then(() => 'still connected')])).toBe('transport close');
    expect(await answer).toBe('no ack for staff:call in 3000 ms');
    // A handshake is held to the same limit.
    const { outcome } = await tryConnect(url, {
      auth: { token: 'x'.repeat(20_000) },
      transports: ['websocket'],
    });
    expect(outcome).not.toBe('connected');
    expect((await api(url, 'GET', '/api/health')).status).toBe(200);
  });

  it('accepts only printer devices as a kiosk printer address, stored in canonical form', async () => {
    const admin = await login(url, 'admin');
    const create = (printerUri: string) =>
      api<{ code?: string; error?: { code: string; message: string } }>(
        url,
        'POST',
        '/api/admin/pairing-codes',
        {
          token: admin,
          body: { role: 'kiosk', name: 'Kiosk uji', printerUri },
        },
      );
    for (const bad of [
      '/etc/passwd',
      'usb:/etc/shadow',
      'serial:/home/giliran/.ssh/id_rsa',
      'file:///etc/passwd',
      'usb:/dev/usb/lp0/../../sda',
    ]) {
      const r = await create(bad);
      expect(r.status, bad).toBe(400);
      expect(r.body.error).toEqual({
        code: 'invalid_payload',
        message:
          'Permintaan tidak valid: printerUri: alamat printer tidak diizinkan / printer address not allowed: ' +
          'tcp://host:9100, usb:/dev/usb/lp0 or serial:/dev/ttyUSB0?baud=19200',
        params: {
          detail:
            'printerUri: alamat printer tidak diizinkan / printer address not allowed: ' +
            'tcp://host:9100, usb:/dev/usb/lp0 or serial:/dev/ttyUSB0?baud=19200',
        },
      });
    }
    const ok = await create('/dev/usb/lp0');
    expect(ok.status).toBe(200);
    const paired = await api<{ token: string }>(url, 'POST', '/api/pair', { body: { code: ok.body.code } });
    expect(paired.status).toBe(200);
    const devices = await api<{ name: string; printerUri: string | null }[]>(url, 'GET', '/api/devices', {
      token: admin,
    });
    expect(devices.body.find((d) => d.name === 'Kiosk uji')?.printerUri).toBe('usb:/dev/usb/lp0');
  });
});

describe('optional TLS', () => {
  const dir = makeTempDir('tls');
  let rig: Awaited<ReturnType<typeof startApp>>;
  let ca: Buffer;
  beforeAll(async () => {
    // A throw-away self-signed certificate for 127.0.0.1, as an office would make its own.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore', timeout: 30_000 },
    );
    ca = readFileSync(join(dir, 'cert.pem'));
    rig = await startApp({ tls: { cert: ca, key: readFileSync(join(dir, 'key.pem')) } });
  });
  afterAll(async () => {
    await rig?.close();
    removeTempDir(dir);
  });

  it('serves https and wss with the configured certificate, and no plain http', async () => {
    const url = `https://127.0.0.1:${rig.port}`;
    const health = await new Promise<{ status: number; body: string; csp: string }>((resolve, reject) => {
      httpsGet(`${url}/api/health`, { ca, timeout: 5_000 }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, csp: String(res.headers['content-security-policy']) }),
        );
      }).on('error', reject);
    });
    expect(health).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(health.csp).toContain(`connect-src 'self' wss://127.0.0.1:${rig.port};`);

    const socket = io(url, {
      ca: ca.toString(),
      auth: { token: 'demo-kiosk-1' },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const snapshot = await Promise.race([
      new Promise<QueueSnapshot>((ok) => socket.once('queue:snapshot', (s: QueueSnapshot) => ok(s))),
      sleep(5_000).then(() => null),
    ]);
    expect(snapshot?.viewer.role).toBe('kiosk');
    const walkin = (await rawRequest(socket, 'ticket:walkin', [{ serviceId: 'informasi' }])) as {
      ok: true;
      data: { tickets: { print: { trackingUrl: string } }[] };
    };
    expect(walkin.data.tickets[0]?.print.trackingUrl.startsWith(`https://127.0.0.1:${rig.port}/t/`)).toBe(
      true,
    );
    socket.close();

    // An unknown certificate is refused by a client that checks, and plain http gets no answer.
    const untrusted = await tryConnect(url, { auth: { token: 'demo-kiosk-1' }, transports: ['websocket'] });
    untrusted.socket.close();
    expect(untrusted.outcome).toBe('refused: websocket error');
    const plain = await fetch(`http://127.0.0.1:${rig.port}/api/health`, {
      signal: AbortSignal.timeout(3_000),
    }).then(
      (r) => r.status,
      () => 'no http answer',
    );
    expect(plain).not.toBe(200);
  });
});
