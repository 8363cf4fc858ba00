import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOOKING_FIELDS, localToInstant, type SimulationResult } from '@giliran/shared';
import { generateDemoBookings, openDatabase } from '@giliran/server';
import { tempDir } from '../support/temp-dir.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const dir = tempDir('simulate', afterAll);

/** Runs `npm run simulate -- …` (the CLI through tsx), bounded in time. */
function simulate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'server/src/cli/simulate.ts'), ...args],
      { cwd: repoRoot, timeout: 60_000, env: { ...process.env, INIT_CWD: dir } },
      (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run simulate', () => {
  const day = ['--date', '2026-03-02', '--count', '60', '--walk-ins', '10', '--seed', '3'];

  it('prints the figures, writes JSON and a chart page; the same seed gives the same day', async () => {
    const first = await simulate(['--generate', 'denpasar', ...day, '--json', 'a.json', '--html', 'a.html']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Jam    datang  antre-maks');
    expect(first.stdout).toContain('Ketepatan perkiraan / estimate accuracy');
    expect(first.stdout).toContain('dipanggil dalam 15/30/60 mnt');
    const json = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as SimulationResult & {
      ticketDetails: unknown[];
    };
    expect(json.bookings).toBe(60);
    expect(json.walkIns).toBe(10);
    expect(json.ticketDetails).toHaveLength(json.tickets);
    expect(json.hours[0]?.hour).toBe('07:00');
    const html = readFileSync(join(dir, 'a.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).not.toMatch(/<script|src=|href=/); // self-contained

    const again = await simulate(['--generate', 'denpasar', ...day, '--json', 'b.json']);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
  }, 90_000);

  it('simulates an import file and learns service times from a database', async () => {
    const rows = generateDemoBookings({
      date: '2026-03-02',
      officeCode: 'DPS',
      count: 40,
      withProblems: false,
    });
    writeFileSync(
      join(dir, 'bookings.csv'),
      [BOOKING_FIELDS.join(','), ...rows.map((r) => BOOKING_FIELDS.map((f) => r[f]).join(','))].join('\n'),
    );
    const db = openDatabase(join(dir, 'history.db'));
    const insert = db.prepare(
      `INSERT INTO audit_log (at, day, action, actor, counter_id, stage_id, duration_ms)
       VALUES (?, '2026-03-01', 'ticket.transferred', 'officer:p1', 'loket-1', 'verifikasi', 300000)`,
    );
    for (let i = 0; i < 25; i++)
      insert.run(localToInstant('2026-03-01', '09:00', 'Asia/Makassar') + i * 60_000);
    db.close();
    const r = await simulate([
      '--bookings',
      'bookings.csv',
      '--from-history',
      'history.db',
      '--json',
      'c.json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('service times from history: bap 0, verifikasi 25, foto 0');
    const json = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')) as SimulationResult;
    expect(json.day).toBe('2026-03-02');
    expect(json.bookings).toBe(40);
  }, 60_000);

  it('refuses bad input plainly, in Indonesian then English, and writes nothing', async () => {
    writeFileSync(
      join(dir, 'plan.json'),
      JSON.stringify({ startHour: 8, rows: [{ stages: ['fotto'], counters: [1] }] }),
    );
    const badPlan = await simulate([
      '--generate',
      'denpasar',
      ...day,
      '--plan',
      'plan.json',
      '--json',
      'd.json',
    ]);
    expect(badPlan.code).toBe(2);
    expect(badPlan.stderr).toContain('Rencana tidak cocok dengan kantor');
    expect(badPlan.stderr).toContain('unknown stage "fotto"');
    expect(() => readFileSync(join(dir, 'd.json'))).toThrow();

    writeFileSync(
      join(dir, 'bad.csv'),
      `${BOOKING_FIELDS.join(',')}\nMP1,123,x,1990-01-01,baru,DPS,2026-03-02,08:00,09:00,paid,A\n`,
    );
    const badFile = await simulate(['--bookings', 'bad.csv']);
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toContain('Berkas pendaftaran ditolak (1 baris bermasalah)');
    expect(badFile.stderr).toContain('baris 2');

    const neither = await simulate([]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('Pilih satu: --generate denpasar atau --bookings FILE.');
  }, 60_000);
});
