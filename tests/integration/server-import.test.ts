import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_FIELDS, type BookingRow } from '@giliran/shared';
import { writeLoadConfig } from '../bench/lib.ts';
import { runCli } from '../support/cli.ts';
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
/** Many valid rows (codes `BIG…`), for imports written in several chunks. */
const bigRows = (count: number, from = 0): BookingRow[] =>
  Array.from({ length: count }, (_, k) => {
    const n = from + k;
    return row(n, {
      booking_code: `BIG${String(n).padStart(7, '0')}`,
      nik: `517101${String(10 + (n % 18)).padStart(2, '0')}0190${String((n % 9_999) + 1).padStart(4, '0')}`,
      account_id: `BIGACC${n}`,
      window_start: '14:00',
      window_end: '15:00',
    });
  });

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
    // The kiosk issues tickets back to back during the CLI import: load limits, as the fault tests use.
    srv = await startServerProcess({
      clockStart: TEST_CLOCK_START,
      env: { GILIRAN_CONFIG: writeLoadConfig(tmp) },
    });
    admin = await login(srv.url, 'admin');
    kiosk = (
      await connect(srv.url, { token: (await pairDevice(srv.url, admin, 'kiosk', 'Kiosk import')).token })
    ).socket;
  });

  afterAll(async () => {
    closeAll(kiosk);
    await srv?.close();
  });
  const staging = () => {
    const db = new Database(join(srv.dataDir, 'giliran.db'), { readonly: true, fileMustExist: true });
    try {
      return {
        staged: (db.prepare('SELECT count(*) AS n FROM import_staging').get() as { n: number }).n,
        last: (db.prepare('SELECT status FROM imports ORDER BY id DESC LIMIT 1').get() as { status: string })
          .status,
      };
    } finally {
      db.close();
    }
  };

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
    const r = await runCli('import', [good], { dataDir: srv.dataDir });
    expect(r.code, r.out).toBe(0);
    const hit = await ok(kiosk, 'checkin:lookup', { method: 'code', value: 'TST0000030' });
    expect(hit.candidates[0]?.assessment.kind).toBe('ok');

    const badFile = join(tmp, 'bad.csv');
    writeFileSync(
      badFile,
      csv([row(31), row(32, { office_code: 'dps' }), row(33, { payment_status: 'lunas' as 'paid' })]),
    );
    const before = countRows();
    const b = await runCli('import', [badFile], {
      dataDir: srv.dataDir,
      viaNpm: true,
      env: { LANG: 'C.UTF-8' },
    });
    expect(b.code).toBe(1);
    // Its own message, every problem, in the locale's language (Indonesian by default), no npm noise.
    expect(b.stderr).toBe(
      'Berkas ditolak, tidak ada yang berubah: 2 baris bermasalah.\n' +
        '  baris 3: office_code: harus 2–6 huruf kapital\n' +
        '  baris 4: payment_status: harus salah satu dari: paid, unpaid, cancelled\n',
    );
    const en = await runCli('import', [badFile], { dataDir: srv.dataDir, env: { LANG: 'en_US.UTF-8' } });
    expect(en.stderr).toContain('  line 3: office_code: must be 2–6 capital letters\n');
    expect(countRows()).toBe(before);
  });

  it('reports every problem of a line at once, in the language of the request', async () => {
    const body = csv([
      row(40),
      row(41, {
        nik: '5171011399900041',
        birth_date: '1990-02-30',
        office_code: 'dps',
        window_start: '12:00',
        window_end: '11:00',
      }),
    ]);
    const problems = 5;
    const indonesian = await post(body);
    expect(indonesian.status).toBe(400);
    const idErr = indonesian.body.error as { message: string; lines: { line: number; reason: string }[] };
    expect(idErr.message).toBe('Berkas ditolak: 1 baris bermasalah.');
    expect(idErr.lines).toEqual([
      {
        line: 3,
        reason:
          'birth_date: harus tanggal yang ada, format YYYY-MM-DD; office_code: harus 2–6 huruf kapital; ' +
          'nik: tanggal lahir di NIK (angka ke-7 s.d. 12) salah; window_end: harus setelah window_start',
        problems: expect.any(Array) as unknown,
      },
    ]);
    const english = await api<Record<string, unknown>>(
      srv.url,
      'POST',
      '/api/admin/bookings/import?lang=en',
      {
        token: admin,
        body,
      },
    );
    const enErr = english.body.error as { message: string; lines: { reason: string; problems: unknown[] }[] };
    expect(enErr.message).toBe('File rejected: 1 bad lines.');
    expect(enErr.lines[0]?.reason).toBe(
      'birth_date: must be a real date as YYYY-MM-DD; office_code: must be 2–6 capital letters; ' +
        'nik: the birth date in the NIK (digits 7–12) is wrong; window_end: must be after window_start',
    );
    expect(enErr.lines[0]?.problems).toHaveLength(problems - 1); // month 13 in the NIK is one problem
    const byHeader = await fetch(`${srv.url}/api/admin/bookings/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'accept-language': 'en-GB,en;q=0.9,id;q=0.5' },
      body,
    });
    expect(((await byHeader.json()) as { error: { message: string } }).error.message).toBe(
      'File rejected: 1 bad lines.',
    );
  });

  it('reports the first 100 bad lines and how many more there are', async () => {
    const bad = Array.from({ length: 150 }, (_, i) => row(1000 + i, { nik: '1' }));
    const r = await post(csv(bad));
    const err = r.body.error as { params: { count: number }; lines: { line: number }[]; moreLines: number };
    expect(err.params.count).toBe(150);
    expect(err.lines).toHaveLength(100);
    expect(err.lines[99]?.line).toBe(101);
    expect(err.moreLines).toBe(50);
  });

  it('a big file written in chunks: all of it, or (one bad line at the end) none of it', async () => {
    const before = countRows();
    const rejected = await post(
      csv(bigRows(4_000), [BOOKING_FIELDS.map((f) => row(9_999, { nik: 'x' })[f]).join(',')]),
    );
    expect(rejected.status).toBe(400);
    expect((rejected.body.error as { lines: { line: number }[] }).lines.map((l) => l.line)).toEqual([4_002]);
    expect(countRows()).toBe(before); // the 4,000 good rows were staged, then cleared
    expect(staging()).toEqual({ staged: 0, last: 'discarded' });

    const accepted = await post(csv(bigRows(4_000)));
    expect(accepted.body).toEqual({ inserted: 4_000, updated: 0, unchanged: 0 });
    expect(staging()).toEqual({ staged: 0, last: 'applied' });
    const hit = await ok(kiosk, 'checkin:lookup', { method: 'code', value: 'BIG0003999' });
    expect(hit.candidates[0]?.bookingCode).toBe('BIG0003999');
  });

  it('the CLI imports a big file beside the running server: no SQLITE_BUSY, no check-in refused', async () => {
    const file = join(tmp, 'big.csv');
    writeFileSync(file, csv(bigRows(15_000, 10_000)));
    let importing = true;
    const refused: string[] = [];
    let issued = 0;
    const cli = runCli('import', [file], {
      dataDir: srv.dataDir,
      timeoutMs: 120_000,
      env: { LANG: 'en_US.UTF-8' },
    }).finally(() => (importing = false));
    while (importing) {
      const r = await request(kiosk, 'ticket:walkin', { serviceId: 'informasi' });
      if (r.ok) issued++;
      else refused.push(r.error.code);
    }
    const done = await cli;
    expect(done.code, done.out).toBe(0);
    expect(done.stdout).toContain('15000 new, 0 updated, 0 unchanged');
    expect(done.out).not.toMatch(/SQLITE_BUSY|database is locked/);
    expect(refused).toEqual([]);
    expect(issued).toBeGreaterThan(0);
    expect(staging()).toEqual({ staged: 0, last: 'applied' });
  });
});
