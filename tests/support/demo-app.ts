import { createApp, seedDemo, type App } from '@giliran/server';

/** A demo day (devices, officers, bookings) served in this process on a random loopback port. */
export async function serveDemoApp(
  deps: Parameters<typeof createApp>[0],
): Promise<{ app: App; url: string }> {
  const app = createApp(deps);
  await seedDemo(app, { kioskPrinterUri: null });
  return { app, url: `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}` };
}
