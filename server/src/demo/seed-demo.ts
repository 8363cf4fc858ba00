import type { App } from '../app.ts';
import { DEMO_DEVICES, DEMO_OFFICERS, DEMO_PASSWORD, generateDemoBookings } from './demo-bookings.ts';

/**
 * Seeds today's demo bookings, demo devices and officers. Idempotent: restarting the demo server
 * on the same data directory updates nothing and keeps the day's queue.
 */
export async function seedDemo(
  app: App,
  opts: { kioskPrinterUri: string | null },
): Promise<{ bookings: number }> {
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
  return { bookings: rows.length };
}
