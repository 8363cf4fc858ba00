import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_ROLES, ROUTE_ROLES, type ClientEventName, type Role } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  api,
  closeAll,
  connect,
  demoBookings,
  inWindow,
  login,
  ok,
  pairDevice,
  rawRequest,
  sleep,
  TEST_CLOCK_START,
  TEST_DATE,
  type ClientSocket,
} from '../support/clients.ts';
import { VALID_PAYLOADS } from '../support/valid-payloads.ts';

const rows = demoBookings(TEST_DATE);
const booking = rows.find(inWindow);

/** A minimal valid payload for every client event; the lookup names a real booking. */
const VALID: Record<ClientEventName, unknown> = {
  ...VALID_PAYLOADS,
  'checkin:lookup': { method: 'code', value: booking?.booking_code ?? 'MP000000' },
};

/** Every role with a socket (a phone has none: it follows its ticket over HTTP). */
const SOCKET_ROLES: Role[] = ['kiosk', 'board', 'survey', 'counter', 'supervisor', 'admin'];

describe('server authorization', () => {
  let srv: ServerProcess;
  const sockets: ClientSocket[] = [];
  const tokens: Partial<Record<Role, string>> = {};
  const conns: Partial<Record<Role, ClientSocket>> = {};
  const pairedTokens: string[] = [];
  let trackToken = '';

  beforeAll(async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
    tokens.kiosk = 'demo-kiosk-1';
    tokens.board = 'demo-board-1';
    tokens.survey = 'demo-survey-1';
    tokens.counter = await login(srv.url, 'petugas1');
    tokens.supervisor = await login(srv.url, 'supervisor');
    tokens.admin = await login(srv.url, 'admin');
    for (const r of ['kiosk', 'board', 'survey', 'counter', 'supervisor', 'admin'] as const) {
      const c = await connect(srv.url, { token: tokens[r] as string });
      expect(c.snapshot?.viewer.role).toBe(r);
      conns[r] = c.socket;
      sockets.push(c.socket);
    }
    const walk = await ok(conns.kiosk as ClientSocket, 'ticket:walkin', { serviceId: 'informasi' });
    trackToken = walk.tickets[0]?.print.trackingUrl.split('/').pop() ?? '';
  });

  afterAll(async () => {
    closeAll(...sockets);
    await srv?.close();
  });

  it('enforces EVENT_ROLES for every event × every role', async () => {
    const mismatches: string[] = [];
    for (const event of Object.keys(EVENT_ROLES) as ClientEventName[]) {
      for (const role of SOCKET_ROLES) {
        const r = await rawRequest(conns[role] as ClientSocket, event, [VALID[event]], 10_000);
        const forbidden = !r.ok && r.error.code === 'forbidden';
        const allowed = EVENT_ROLES[event].includes(role);
        if (allowed === forbidden) mismatches.push(`${event} as ${role}: ${JSON.stringify(r).slice(0, 160)}`);
        if (allowed && !r.ok) expect(r.error.code, `${event} as ${role}`).not.toBe('invalid_payload');
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('enforces ROUTE_ROLES for every route × every role (and no credential)', async () => {
    const mismatches: string[] = [];
    const httpRoles = ['kiosk', 'board', 'survey', 'counter', 'supervisor', 'admin'] as const;
    for (const [key, allowed] of Object.entries(ROUTE_ROLES)) {
      if (key === 'POST /api/logout') continue; // below, with throw-away credentials
      const [method, pattern] = key.split(' ') as [string, string];
      const path = pattern.replace(':token', 'no-such-token').replace(':id', 'no-such-device');
      const anon = await api(srv.url, method, path, { body: method === 'GET' ? undefined : {} });
      if (allowed === 'public') {
        if (anon.status === 401 || anon.status === 403) mismatches.push(`${key} anonymous → ${anon.status}`);
      } else if (anon.status !== 401) mismatches.push(`${key} anonymous → ${anon.status}`);
      for (const role of httpRoles) {
        const r = await api(srv.url, method, path, {
          token: tokens[role],
          body: method === 'GET' ? undefined : {},
        });
        const ok = allowed === 'public' || (allowed as readonly string[]).includes(role);
        if (ok && (r.status === 401 || r.status === 403)) mismatches.push(`${key} as ${role} → ${r.status}`);
        if (!ok && r.status !== 403) mismatches.push(`${key} as ${role} → ${r.status} (want 403)`);
      }
      // A phone's tracking token is not a credential for anything but its own page.
      if (allowed !== 'public') {
        const r = await api(srv.url, method, path, { token: trackToken });
        if (r.status !== 401) mismatches.push(`${key} with a tracking token → ${r.status}`);
      }
    }
    expect(mismatches).toEqual([]);

    // Logout: anonymous 401; each role with throw-away credentials → 200 and the token is dead.
    expect((await api(srv.url, 'POST', '/api/logout')).status).toBe(401);
    for (const user of ['petugas7', 'supervisor', 'admin']) {
      const t = await login(srv.url, user);
      expect((await api(srv.url, 'POST', '/api/logout', { token: t })).status).toBe(200);
      expect((await api(srv.url, 'GET', '/api/me', { token: t })).status).toBe(401);
    }
    for (const role of ['kiosk', 'board', 'survey'] as const) {
      const { token } = await pairDevice(srv.url, tokens.admin as string, role, `Logout ${role}`);
      pairedTokens.push(token);
      expect((await api(srv.url, 'POST', '/api/logout', { token })).status).toBe(200);
    }
  });

  it('refuses a socket with a bad or missing token at connect', async () => {
    for (const auth of [{ token: 'not-a-real-token' }, { token: '' }]) {
      const err = await connect(srv.url, auth).then(
        (c) => {
          c.socket.close();
          return null;
        },
        (e: Error) => e,
      );
      expect(err?.message).toBe('unauthenticated');
    }
  });

  it('pairs a board once, and revoking it disconnects and locks it out', async () => {
    const admin = tokens.admin as string;
    const code = await api<{ code: string }>(srv.url, 'POST', '/api/admin/pairing-codes', {
      token: admin,
      body: { role: 'board', name: 'Layar 2' },
    });
    expect(code.status).toBe(200);
    const paired = await api<{ token: string; role: string }>(srv.url, 'POST', '/api/pair', {
      body: { code: code.body.code },
    });
    expect(paired.status).toBe(200);
    expect(paired.body.role).toBe('board');
    pairedTokens.push(paired.body.token);
    const reuse = await api(srv.url, 'POST', '/api/pair', { body: { code: code.body.code } });
    expect(reuse.status).toBe(401);

    const b = await connect(srv.url, { token: paired.body.token });
    sockets.push(b.socket);
    expect(b.snapshot?.viewer).toMatchObject({ role: 'board', name: 'Layar 2' });
    const devices = await api<{ id: string; name: string }[]>(srv.url, 'GET', '/api/devices', {
      token: admin,
    });
    const id = devices.body.find((d) => d.name === 'Layar 2')?.id;
    expect(id).toBeTruthy();

    const disconnected = new Promise<string>((resolve) => b.socket.once('disconnect', resolve));
    const del = await api(srv.url, 'DELETE', `/api/admin/devices/${id}`, { token: admin });
    expect(del.status).toBe(200);
    const reason = await Promise.race([disconnected, sleep(3_000).then(() => 'still connected')]);
    expect(reason).toBe('io server disconnect');
    await expect(connect(srv.url, { token: paired.body.token })).rejects.toThrow('unauthenticated');
    expect((await api(srv.url, 'GET', '/api/me', { token: paired.body.token })).status).toBe(401);
  });

  it('stores tokens and passwords hashed, and the NIK only as HMAC + mask', () => {
    const db = new Database(join(srv.dataDir, 'giliran.db'), { readonly: true, fileMustExist: true });
    try {
      const dump = (table: string) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
      const devices = dump('devices');
      const sessions = dump('sessions');
      // Demo devices' ids equal their (demo) tokens, so for them only the hash column is checked.
      const hashes = JSON.stringify(db.prepare('SELECT token_hash FROM devices').all());
      for (const t of Object.values(tokens)) {
        expect(hashes).not.toContain(t);
        expect(sessions).not.toContain(t);
      }
      expect(pairedTokens.length).toBeGreaterThanOrEqual(3);
      for (const t of pairedTokens) expect(devices).not.toContain(t);
      const users = db.prepare('SELECT username, password_hash FROM users').all() as {
        username: string;
        password_hash: string;
      }[];
      expect(users.length).toBeGreaterThanOrEqual(10);
      for (const u of users) {
        expect(u.password_hash.startsWith('scrypt$'), u.username).toBe(true);
        expect(u.password_hash).not.toContain('giliran-demo');
      }
      const bookings = dump('bookings');
      // nik_hmac is hex and may hold 16 digits in a row by chance; every other column may not.
      const plain = JSON.stringify(
        (db.prepare('SELECT * FROM bookings').all() as Record<string, unknown>[]).map((b) => ({
          ...b,
          nik_hmac: null,
        })),
      );
      expect(plain).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
      for (const r of rows) expect(bookings).not.toContain(r.nik);
      const masked = db.prepare('SELECT masked_nik FROM bookings LIMIT 20').all() as { masked_nik: string }[];
      for (const m of masked) expect(m.masked_nik).toMatch(/^\d{4}\*+\d{4}$/);
    } finally {
      db.close();
    }
  });
});
