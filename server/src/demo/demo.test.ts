import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../tests/support/temp-dir.ts';
import { localParts, localToInstant, type OfficeConfig } from '@giliran/shared';
import { createApp } from '../app.ts';
import { startupBanner } from '../banner.ts';
import { clockStartingAt, ManualClock } from '../clock.ts';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig } from '../config.ts';
import { DataDirModeError, claimDataDirMode } from '../store/installation.ts';
import { demoClockStart } from './demo-clock.ts';
import { DEMO_DEVICES, DEMO_PASSWORD } from './demo-bookings.ts';
import { seedDemo } from './seed-demo.ts';

const config = loadOfficeConfig(DEFAULT_CONFIG_PATH);
const TZ = 'Asia/Makassar';
const at = (date: string, time: string) => localToInstant(date, time, TZ);
const office: OfficeConfig['office'] = { ...config.office, openTime: '07:30', closeTime: '16:00' };

describe('the demo clock', () => {
  it('starts at 09:00 office time when run while the office is closed, and then runs', () => {
    expect(demoClockStart(at('2026-11-28', '22:14'), office)).toBe('2026-11-28T09:00');
    expect(demoClockStart(at('2026-11-28', '06:00'), office)).toBe('2026-11-28T09:00');
    expect(demoClockStart(at('2026-11-28', '16:00'), office)).toBe('2026-11-28T09:00');
    const start = demoClockStart(at('2026-11-28', '23:59'), office) as string;
    const now = clockStartingAt(start, TZ).now();
    expect(localParts(now, TZ).time).toBe('09:00');
  });

  it('keeps the real time inside opening hours', () => {
    expect(demoClockStart(at('2026-11-28', '07:30'), office)).toBeNull();
    expect(demoClockStart(at('2026-11-28', '15:59'), office)).toBeNull();
  });

  it('starts at opening time when the office opens after 09:00', () => {
    expect(demoClockStart(at('2026-11-28', '20:00'), { ...office, openTime: '10:00' })).toBe(
      '2026-11-28T10:00',
    );
  });
});

describe('demo seeding and the startup banner', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) removeTempDir(d);
  });
  const app = () => {
    const dir = makeTempDir('demo');
    dirs.push(dir);
    return createApp({
      config,
      dataDir: dir,
      clock: new ManualClock(at('2026-11-28', '09:30')),
      printer: null,
    });
  };

  it('prints the dashboard link and bookings a newcomer can try, which the kiosk accepts now', async () => {
    const a = app();
    const { bookings, samples } = await seedDemo(a, { kioskPrinterUri: null });
    expect(bookings).toBe(280);
    expect(samples.map((s) => s.kind)).toEqual(['ready', 'ready', 'family', 'other_date']);
    for (const s of samples) expect(s.code).toMatch(/^DEMO261128\d{4}$/);
    for (const s of samples.filter((x) => x.kind !== 'other_date')) {
      const byCode = a.service.lookup('code', s.code, 'device:test');
      expect(byCode.every((c) => c.assessment.kind === 'ok')).toBe(true);
      expect(byCode).toHaveLength(s.members);
      expect(a.service.lookup('nik', s.nik, 'device:test').map((c) => c.bookingCode)).toContain(s.code);
    }
    expect(samples.find((s) => s.kind === 'family')?.members).toBeGreaterThan(1);
    const other = samples.find((s) => s.kind === 'other_date');
    expect(a.service.lookup('code', other!.code, 'device:test')[0]?.assessment).toEqual({
      kind: 'other_date',
      arrivalDate: other!.date,
    });

    const lines = startupBanner({
      officeName: config.office.name,
      day: '2026-11-28',
      timeZone: TZ,
      base: 'http://127.0.0.1:8080',
      dataDir: '/x/demo-data',
      clockNote: 'demo clock starts at 09:00',
      demo: {
        bookings,
        samples,
        printer: 'tcp://127.0.0.1:9100',
        devices: DEMO_DEVICES,
        officers: ['petugas1…petugas8', 'supervisor'],
        admin: 'admin',
        password: DEMO_PASSWORD,
      },
    }).join('\n');
    expect(lines).toContain('Dashboard            http://127.0.0.1:8080/dashboard   (admin / giliran-demo');
    expect(lines).toContain('http://127.0.0.1:8080/kiosk/?token=demo-kiosk-1');
    expect(lines).toContain('Clock: demo clock starts at 09:00');
    expect(lines).toContain('280 demo bookings (codes start with DEMO)');
    for (const s of samples) expect(lines).toContain(`code ${s.code}  or NIK ${s.nik}`);
    await a.close();
  });

  it('an office banner says where the dashboard is, and how to make the first admin while there is none', () => {
    const info = {
      officeName: config.office.name,
      day: '2026-11-28',
      timeZone: TZ,
      base: 'http://10.0.0.5:8080',
      dataDir: '/var/lib/giliran',
      clockNote: null,
    };
    const none = startupBanner({ ...info, production: { officers: 0 } }).join('\n');
    expect(none).toContain('Dashboard            http://10.0.0.5:8080/dashboard');
    expect(none).toContain('npm run admin -- create-user --role admin USERNAME');
    expect(none).not.toContain('giliran-demo');
    expect(startupBanner({ ...info, production: { officers: 3 } }).join('\n')).not.toContain('create-user');
  });

  it('refuses to seed an office folder, and adds nothing to it', async () => {
    const a = app();
    claimDataDirMode(a.db, 'production', a.dataDir);
    await expect(seedDemo(a, { kioskPrinterUri: null })).rejects.toThrow(DataDirModeError);
    expect(a.db.prepare('SELECT count(*) AS n FROM bookings').get()).toEqual({ n: 0 });
    expect(a.db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
    await a.close();
  });
});
