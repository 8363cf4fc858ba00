/**
 * Entry point of the office server: builds the real dependencies from the environment and calls
 * `createApp`. Environment: PORT (8080), HOST (127.0.0.1; 0.0.0.0 to serve the office LAN),
 * GILIRAN_DATA_DIR (./data), GILIRAN_CONFIG (Denpasar defaults), GILIRAN_DEMO (1: seed a demo day),
 * GILIRAN_PUBLIC_URL (URL phones use, for ticket QR codes), GILIRAN_CLOCK_START (office-local
 * `YYYY-MM-DDTHH:MM`, demo/tests only), GILIRAN_DEMO_PRINTER (printer URI of the demo kiosks),
 * GILIRAN_TLS_CERT + GILIRAN_TLS_KEY (PEM files: serve https/wss), GILIRAN_ALLOWED_ORIGINS (other
 * browser origins allowed to open sockets, comma-separated).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { createApp } from './app.ts';
import { clockStartingAt, systemClock } from './clock.ts';
import { ConfigError, DEFAULT_CONFIG_PATH, loadOfficeConfig } from './config.ts';
import { DEMO_DEVICES, DEMO_OFFICERS, DEMO_PASSWORD } from './demo/demo-bookings.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { dataDirFromEnv, userPath } from './env.ts';
import type { TlsFiles } from './http/http-server.ts';
import { parseAllowedOrigins } from './http/security.ts';
import { hardwarePrinter } from './print/ticket-printer.ts';
import { NewerDatabaseError } from './store/migrations/index.ts';

async function main(): Promise<void> {
  const config = loadOfficeConfig(
    process.env.GILIRAN_CONFIG ? userPath(process.env.GILIRAN_CONFIG) : DEFAULT_CONFIG_PATH,
  );
  const dataDir = dataDirFromEnv();
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const demo = (process.env.GILIRAN_DEMO ?? '1') !== '0';
  const clock = process.env.GILIRAN_CLOCK_START
    ? clockStartingAt(process.env.GILIRAN_CLOCK_START, config.office.timeZone)
    : systemClock;

  const tls = tlsFromEnv();
  const scheme = tls ? 'https' : 'http';
  const app = createApp({
    config,
    dataDir,
    clock,
    tls,
    allowedOrigins: allowedOriginsFromEnv(),
    printer: await hardwarePrinter(),
    ...(process.env.GILIRAN_PUBLIC_URL ? { publicUrl: process.env.GILIRAN_PUBLIC_URL } : {}),
  });

  let virtualPrinter: { close(): Promise<void>; uri: string } | null = null;
  if (demo) {
    let printerUri = process.env.GILIRAN_DEMO_PRINTER ?? null;
    if (!printerUri) {
      // Dev mode prints to the virtual printer; receipts land in <data>/receipts as text.
      const { createVirtualPrinter } = await import('@giliran/hardware');
      const outDir = join(dataDir, 'receipts');
      virtualPrinter = await createVirtualPrinter({ port: 9100, outDir }).catch(() =>
        createVirtualPrinter({ port: 0, outDir }),
      );
      printerUri = virtualPrinter.uri;
    }
    const { bookings } = await seedDemo(app, { kioskPrinterUri: printerUri });
    const actual = await app.listen(port, host);
    const base = `${scheme}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`;
    console.log(
      `Giliran — ${config.office.name} — demo day ${app.service.today()} (${config.office.timeZone})`,
    );
    console.log(`  ${bookings} demo bookings imported; data in ${dataDir}`);
    console.log(
      `  kiosk printer: ${printerUri}${virtualPrinter ? ` (virtual; receipts in ${join(dataDir, 'receipts')})` : ''}`,
    );
    console.log('  Screens:');
    for (const d of DEMO_DEVICES) {
      const path = d.role === 'kiosk' ? '/kiosk/' : '/board';
      console.log(`    ${d.name.padEnd(20)} ${base}${path}?token=${d.token}`);
    }
    console.log(
      `    Counter console      ${base}/counter   (officers: ${DEMO_OFFICERS.map((o) => o.username).join(', ')}; password ${DEMO_PASSWORD})`,
    );
    console.log(`  Health: ${base}/api/health`);
  } else {
    await app.listen(port, host);
    console.log(`Giliran listening on ${scheme}://${host}:${port} (data in ${dataDir})`);
  }

  const shutdown = (signal: string) => {
    console.log(`[server] ${signal}: closing`);
    void Promise.all([app.close(), virtualPrinter?.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/** Certificate and key from GILIRAN_TLS_CERT / GILIRAN_TLS_KEY (both or neither), read once at start. */
function tlsFromEnv(): TlsFiles | null {
  const certPath = process.env.GILIRAN_TLS_CERT;
  const keyPath = process.env.GILIRAN_TLS_KEY;
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath)
    throw new StartupError('Set both GILIRAN_TLS_CERT and GILIRAN_TLS_KEY, or neither.');
  const read = (what: string, path: string) => {
    try {
      return readFileSync(userPath(path));
    } catch (e) {
      throw new StartupError(`Cannot read the TLS ${what} ${path}: ${(e as Error).message}`);
    }
  };
  const files = { cert: read('certificate', certPath), key: read('key', keyPath) };
  try {
    createSecureContext(files); // a key that does not match the certificate fails here, not later
  } catch (e) {
    throw new StartupError(`The TLS certificate or key is not usable: ${(e as Error).message}`);
  }
  return files;
}

function allowedOriginsFromEnv(): Set<string> {
  try {
    return parseAllowedOrigins(process.env.GILIRAN_ALLOWED_ORIGINS);
  } catch (e) {
    throw new StartupError((e as Error).message);
  }
}

/** A start-up problem with a one-line explanation (no stack trace). */
class StartupError extends Error {}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof NewerDatabaseError || e instanceof StartupError)
    console.error(e.message);
  else console.error('[server] failed to start:', e);
  process.exit(1);
});
