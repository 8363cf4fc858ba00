import type { BookingRow } from '@giliran/shared';
import type { App } from '../app.ts';
import { claimDataDirMode } from '../store/installation.ts';
import { DEMO_DEVICES, DEMO_OFFICERS, DEMO_PASSWORD, generateDemoBookings } from './demo-bookings.ts';

/** A demo booking worth trying at the kiosk, with how the kiosk will answer it now. */
export interface DemoSample {
  code: string;
  nik: string;
  kind: 'ready' | 'family' | 'other_date';
  /** Members checked in together (a family on one account). */
  members: number;
  /** Booked date and window, `2026-11-28`, `09:00–10:00`. */
  date: string;
  window: string;
}

/**
 * Seeds today's demo bookings, demo devices and officers into a demo data folder; refuses an
 * office's folder (`DataDirModeError`). Idempotent: restarting the demo keeps the day's queue, a
 * disabled officer disabled and a revoked device revoked.
 */
export async function seedDemo(
  app: App,
  opts: { kioskPrinterUri: string | null },
): Promise<{ bookings: number; samples: DemoSample[] }> {
  claimDataDirMode(app.db, 'demo', app.dataDir);
  const now = app.service.clock.now();
  const rows = generateDemoBookings({
    date: app.service.today(),
    officeCode: app.service.config.office.code,
  });
  app.bookings.upsertAll(rows, now);
  for (const o of DEMO_OFFICERS) {
    if (!app.auth.hasUser(o.username)) await app.auth.createUser({ ...o, password: DEMO_PASSWORD }, now);
  }
  for (const d of DEMO_DEVICES) {
    app.auth.addDevice({ ...d, printerUri: d.role === 'kiosk' ? opts.kioskPrinterUri : null }, now);
  }
  return { bookings: rows.length, samples: demoSamples(app, rows) };
}

/**
 * A few bookings to try, chosen by asking the check-in look-up itself how it answers them now:
 * two that check in at once, a family, and one booked for another day (the kiosk explains).
 */
export function demoSamples(app: App, rows: readonly BookingRow[]): DemoSample[] {
  const ready: DemoSample[] = [];
  let family: DemoSample | null = null;
  let otherDate: DemoSample | null = null;
  const sample = (r: BookingRow, kind: DemoSample['kind'], members: number): DemoSample => ({
    code: r.booking_code,
    nik: r.nik,
    kind,
    members,
    date: r.arrival_date,
    window: `${r.window_start}–${r.window_end}`,
  });
  for (const r of rows) {
    if (ready.length >= 2 && family && otherDate) break;
    if (r.office_code !== app.service.config.office.code || r.payment_status !== 'paid') continue;
    if (r.arrival_date !== app.service.today()) {
      otherDate ??= sample(r, 'other_date', 1);
      continue;
    }
    const found = app.service.lookup('code', r.booking_code, 'device:demo');
    if (!found.every((c) => c.assessment.kind === 'ok')) continue;
    if (found.length > 1) family ??= sample(r, 'family', found.length);
    else if (ready.length < 2) ready.push(sample(r, 'ready', 1));
  }
  return [...ready, ...(family ? [family] : []), ...(otherDate ? [otherDate] : [])];
}
