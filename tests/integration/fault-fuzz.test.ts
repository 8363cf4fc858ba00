import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { BOOKING_FIELDS } from '@giliran/shared';
import { benchBookings, benchDay, command, sleep } from '../bench/lib.ts';
import { api, login } from '../support/clients.ts';
import { fuzzRig, fuzzSockets, queueFingerprint, type FuzzRig } from '../bench/fuzz.ts';

// Malformed input from every side: the server stays up, answers each with an error, changes nothing.
describe('fault: fuzzed payloads', () => {
  let rig: FuzzRig;
  beforeAll(async () => {
    rig = await fuzzRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('answers ~1000 malformed socket commands from every role with an error and changes nothing', async () => {
    const before = queueFingerprint(rig.app);
    const report = await fuzzSockets(rig.sockets, 1000, 3);
    expect(report.accepted, report.accepted.join('\n')).toEqual([]);
    expect(report.unanswered).toEqual([]);
    expect(report.answeredWithError).toBe(1000);
    expect(Object.keys(report.codes).sort()).toEqual(['forbidden', 'invalid_payload']);
    expect(queueFingerprint(rig.app)).toBe(before);
    expect('polluted' in ({} as Record<string, unknown>)).toBe(false);
    // Still serving real commands afterwards.
    const kiosk = rig.sockets.find((s) => s.role === 'kiosk')?.socket;
    expect((await command(kiosk!, 'ticket:walkin', { serviceId: 'informasi' })).ok).toBe(true);
  });

  it('survives ack-less emits, odd argument lists and an oversized frame', async () => {
    const board = rig.sockets.find((s) => s.role === 'board')!.socket;
    board.emit('ticket:call');
    board.emit('staff:call', { reason: 'help' }, 'extra', 42);
    board.emit('__proto__', {});
    const big = io(rig.url, {
      auth: { token: 'demo-board-1' },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((ok) => big.once('connect', () => ok()));
    const closed = new Promise<string>((ok) => big.once('disconnect', (reason) => ok(reason)));
    big.emit('staff:call', { reason: 'help', detail: 'x'.repeat(2_000_000) });
    expect(await Promise.race([closed, sleep(5_000).then(() => 'still connected')])).not.toBe(
      'still connected',
    );
    big.close();
    expect((await api(rig.url, 'GET', '/api/health')).status).toBe(200);
    expect((await command(board, 'device:report', { printer: null })).ok).toBe(true);
  });

  it('rejects malformed HTTP bodies with a 4xx JSON error, never a 500', async () => {
    const admin = await login(rig.url, 'admin');
    const bodies: (string | Uint8Array)[] = [
      '',
      'null',
      '{',
      '[]',
      '"x"',
      '{"__proto__":{"polluted":"yes"}}',
      '{"username":123,"password":[]}',
      JSON.stringify({ code: 'x'.repeat(100_000) }),
      new Uint8Array([0xff, 0xfe, 0x7b, 0x00]),
      '{"role":"admin","name":"\u0000"}',
    ];
    const routes = ['/api/pair', '/api/login', '/api/admin/pairing-codes', '/api/admin/users'];
    const before = queueFingerprint(rig.app);
    for (const path of routes) {
      for (const raw of bodies) {
        const r = await api<{ error?: { code: string } }>(rig.url, 'POST', path, {
          token: admin,
          body: raw,
          contentType: 'application/json',
        });
        expect(r.status, `${path} ${String(raw).slice(0, 30)}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${path} ${String(raw).slice(0, 30)}`).toBeLessThan(500);
        expect(typeof r.body.error?.code).toBe('string');
      }
    }
    for (const path of ['/api/track/%00%ff', '/api/track/x']) {
      const r = await api(rig.url, 'GET', path, { token: admin });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
    }
    expect(queueFingerprint(rig.app)).toBe(before);
    expect('polluted' in ({} as Record<string, unknown>)).toBe(false);
  });

  it('rejects broken booking files whole, with line numbers, in bounded time', async () => {
    const admin = await login(rig.url, 'admin');
    const count = () => (rig.app.db.prepare('SELECT COUNT(*) AS n FROM bookings').get() as { n: number }).n;
    const before = count();
    const rows = benchBookings(benchDay(), 3);
    const csvLine = (r: Record<string, string>) => BOOKING_FIELDS.map((f) => r[f]).join(',');
    const header = BOOKING_FIELDS.join(',');
    const good = [header, ...rows.map(csvLine)].join('\n');
    const cases: { name: string; raw: string | Uint8Array; line: number }[] = [
      { name: 'truncated CSV', raw: good.slice(0, good.length - 30), line: 4 },
      { name: 'truncated JSON', raw: JSON.stringify(rows).slice(0, -40), line: 1 },
      { name: 'UTF-16 file', raw: Buffer.from(good, 'utf16le'), line: 1 },
      { name: 'wrong header', raw: good.replace('booking_code', 'kode'), line: 1 },
      { name: 'unterminated quote', raw: `${good}\n"BN9,`, line: 5 },
    ];
    for (const c of cases) {
      const r = await api<{ error: { code: string; lines: { line: number; reason: string }[] } }>(
        rig.url,
        'POST',
        '/api/admin/bookings/import',
        { token: admin, body: c.raw },
      );
      expect(r.status, c.name).toBe(400);
      expect(r.body.error.code, c.name).toBe('import_invalid');
      expect(r.body.error.lines.length, c.name).toBeGreaterThan(0);
      expect(
        r.body.error.lines.map((l) => l.line),
        c.name,
      ).toContain(c.line);
    }
    // 100k rows whose last line repeats an earlier code: rejected whole, naming that line.
    const many = benchBookings(benchDay(), 100_000);
    const lines = [header, ...many.map(csvLine), csvLine(many[10]!)];
    const t0 = performance.now();
    const r = await api<{ error: { code: string; lines: { line: number; reason: string }[] } }>(
      rig.url,
      'POST',
      '/api/admin/bookings/import',
      { token: admin, body: lines.join('\n'), timeoutMs: 60_000 },
    );
    const ms = performance.now() - t0;
    expect(r.status).toBe(400);
    expect(r.body.error.lines).toHaveLength(1);
    expect(r.body.error.lines[0]?.line).toBe(lines.length);
    expect(r.body.error.lines[0]?.reason).toBe('booking_code: kode BN000011 sudah ada di baris 12');
    expect(ms).toBeLessThan(15_000);
    expect(count()).toBe(before);
    expect((await api(rig.url, 'GET', '/api/health')).status).toBe(200);
  }, 40_000);
});
