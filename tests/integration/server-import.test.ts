import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_FIELDS, type BookingRow } from '@giliran/shared';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { tempDir } from '../support/temp-dir.ts';
import {
  api,
  closeAll,
  connect,
  login,
  ok,
  pairDevice,
  request,
  TEST_CLOCK_START,
  TEST_DATE,
  type ClientSocket,
} from '../support/clients.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const HEADER = BOOKING_FIELDS.join(',');

const row = (n: number, over: Partial<BookingRow> = {}): BookingRow => ({
  booking_code: `TST${String(n).padStart(7, '0')}`,
  nik: `517101${String(10 + (n % 18)).padStart(2, '0')}0190${String(n).padStart(4, '0')}`,
  full_name: `Ni Luh Uji ${n}`,
  birth_date: '1990-01-10',
  application_type: 'baru',
  office_code: 'DPS',
  arrival_date: TEST_DATE,
  window_start: '11:00',
  window_end: '12:00',
  payment_status: 'paid',
  account_id: `TSTACC${n}`,
  ...over,
});
const csv = (rows: BookingRow[], extra: string[] = []) =>
  [HEADER, ...rows.map((r) => BOOKING_FIELDS.map((f) => r[f]).join(',')), ...extra].join('\n') + '\n';

function runCli(file: string, dataDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'server/src/cli/import.ts'), file],
      {
        cwd: repoRoot,
        env: { ...process.env, GILIRAN_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`import CLI timed out:\n${out}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      ok({ code, out });
    });
  });
}

describe('booking import', () => {
  let srv: ServerProcess;
  let admin: string;
  let kiosk: ClientSocket;
  const tmp = tempDir('import', afterAll);
  const countRows = () => {
    const db = new Database(join(srv.dataDir, 'giliran.db'), { readonly: true, fileMustExist: true });
    try {
      return JSON.stringify(db.prepare('SELECT * FROM bookings ORDER BY code').all());
    } finally {
      db.close();
    }
  };
  const post = (body: string | Uint8Array, token = admin) =>
    api<Record<string, unknown>>(srv.url, 'POST', '/api/admin/bookings/import', { token, body });

  beforeAll(async () => {
    srv = await startServerProcess({ clockStart: TEST_CLOCK_START });
    admin = await login(srv.url, 'admin');
    kiosk = (
      await connect(srv.url, { token: (await pairDevice(srv.url, admin, 'kiosk', 'Kiosk import')).token })
    ).socket;
  });

  afterAll(async () => {
    closeAll(kiosk);
    await srv?.close();
  });

  it('imports CSV then JSON, idempotently, and updates changed rows in place', async () => {
    const rows = [row(1), row(2), row(3)];
    const first = await post(csv(rows));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const again = await post(csv(rows));
    expect(again.body).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const json = await post(JSON.stringify(rows));
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ inserted: 0, updated: 0, unchanged: 3 });

    const changed = [
      row(1, { window_start: '10:00', window_end: '11:00' }),
      row(2, { payment_status: 'cancelled' }),
      row(3),
    ];
    const upd = await post(csv(changed));
    expect(upd.body).toEqual({ inserted: 0, updated: 2, unchanged: 1 });
    const l1 = await ok(kiosk, 'checkin:lookup', { method: 'code', value: 'TST0000001' });
    expect(l1.candidates[0]?.window).toEqual({ start: '10:00', end: '11:00' });
    const l2 = await ok(kiosk, 'checkin:lookup', { method: 'code', value: 'TST0000002' });
    expect(l2.candidates[0]?.assessment.kind).toBe('cancelled');
    expect((await post(csv(rows), await login(srv.url, 'supervisor'))).status).toBe(403);
  });

  it('rejects a file with bad lines, listing each line, and changes nothing', async () => {
    const before = countRows();
    const body = [
      HEADER,
      csv([row(10)]).split('\n')[1],
      csv([row(11, { nik: '12345' })]).split('\n')[1], // line 3
      csv([row(12)]).split('\n')[1],
      csv([row(13, { arrival_date: '2026-02-30' })]).split('\n')[1], // line 5
      csv([row(14, { window_start: '12:00', window_end: '11:00' })]).split('\n')[1], // line 6
      csv([row(15)]).split('\n')[1],
    ].join('\n');
    const r = await post(body);
    expect(r.status).toBe(400);
    const err = r.body.error as { code: string; lines: { line: number; reason: string }[] };
    expect(err.code).toBe('import_invalid');
    expect(err.lines.map((l) => l.line)).toEqual([3, 5, 6]);
    expect(err.lines[0]?.reason).toMatch(/nik/i);
    expect(err.lines[1]?.reason).toMatch(/arrival_date|date/i);
    expect(err.lines[2]?.reason).toMatch(/window_end/i);
    expect(countRows()).toBe(before);

    const latin1 = Buffer.concat([
      Buffer.from(csv([row(20)]).replace('Uji', 'Uj')),
      Buffer.from([0xe9, 0xff, 0x0a]),
    ]);
    const bad = await post(latin1);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/UTF-8/);
    expect(countRows()).toBe(before);
  });

  it('the CLI imports into a running server, which sees the booking at once; a bad file exits 1', async () => {
    const good = join(tmp, 'good.csv');
    writeFileSync(good, csv([row(30)]));
    const miss = await request(kiosk, 'checkin:lookup', { method: 'code', value: 'TST0000030' });
    expect(miss.ok ? null : miss.error.code).toBe('booking_not_found');
    const r = await runCli(good, srv.dataDir);
    expect(r.code, r.out).toBe(0);
    const hit = await ok(kiosk, 'checkin:lookup', { method: 'code', value: 'TST0000030' });
    expect(hit.candidates[0]?.assessment.kind).toBe('ok');

    const badFile = join(tmp, 'bad.csv');
    writeFileSync(
      badFile,
      csv([row(31), row(32, { office_code: 'dps' }), row(33, { payment_status: 'lunas' as 'paid' })]),
    );
    const before = countRows();
    const b = await runCli(badFile, srv.dataDir);
    expect(b.code).toBe(1);
    expect(b.out).toContain('line 3');
    expect(b.out).toContain('line 4');
    expect(countRows()).toBe(before);
  });
});
