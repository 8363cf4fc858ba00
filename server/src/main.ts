/**
 * Entry point of the office server: builds the real dependencies from the environment and calls
 * `createApp`. Environment: PORT (8080), HOST (127.0.0.1; 0.0.0.0 to serve the office LAN),
 * GILIRAN_DATA_DIR (./data), GILIRAN_CONFIG (Denpasar defaults), GILIRAN_DEMO (1: a demo day with
 * demo officers and devices, in a demo data folder only — scripts/demo.sh sets it; never for an
 * office), GILIRAN_PUBLIC_URL (URL phones use, for ticket QR codes), GILIRAN_CLOCK_START
 * (office-local `YYYY-MM-DDTHH:MM` the clock starts at, then runs; demo and tests only),
 * GILIRAN_DEMO_PRINTER (printer URI of the demo kiosks), GILIRAN_TLS_CERT + GILIRAN_TLS_KEY (PEM
 * files: serve https/wss), GILIRAN_ALLOWED_ORIGINS (other browser origins allowed to open sockets,
 * comma-separated).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { createApp, type App } from './app.ts';
import { startupBanner } from './banner.ts';
import { clockStartingAt, systemClock } from './clock.ts';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig } from './config.ts';
import { DEMO_DEVICES, DEMO_OFFICERS, DEMO_PASSWORD } from './demo/demo-bookings.ts';
import { demoClockStart } from './demo/demo-clock.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { dataDirFromEnv, userPath } from './env.ts';
import { printFatal } from './fatal-error.ts';
import type { TlsFiles } from './http/http-server.ts';
import { parseAllowedOrigins } from './http/security.ts';
import { hardwarePrinter } from './print/ticket-printer.ts';
import { prepareDataDir } from './store/data-dir.ts';
import { claimDataDirMode } from './store/installation.ts';
import { holdDataDir } from './store/server-lock.ts';

// Everything the server writes (database, key, receipts) is personal data: owner only.
process.umask(0o077);

async function main(): Promise<void> {
  const config = loadOfficeConfig(
    process.env.GILIRAN_CONFIG ? userPath(process.env.GILIRAN_CONFIG) : DEFAULT_CONFIG_PATH,
  );
  const dataDir = dataDirFromEnv();
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const demo = process.env.GILIRAN_DEMO === '1';
  const { office } = config;
  const demoStart = demo && !process.env.GILIRAN_CLOCK_START ? demoClockStart(Date.now(), office) : null;
  const clockStart = process.env.GILIRAN_CLOCK_START ?? demoStart;
  const clock = clockStart ? clockStartingAt(clockStart, office.timeZone) : systemClock;
  const clockNote = demoStart
    ? `demo clock starts at ${demoStart.slice(11)} office time, since the office is closed now ` +
      `(opening hours ${office.openTime}–${office.closeTime}); GILIRAN_CLOCK_START=YYYY-MM-DDTHH:MM chooses another start`
    : clockStart
      ? `starts at ${clockStart} office time (GILIRAN_CLOCK_START)`
      : null;

  const tls = tlsFromEnv();
  const scheme = tls ? 'https' : 'http';
  const allowedOrigins = allowedOriginsFromEnv();

  prepareDataDir(dataDir);
  const release = holdDataDir(dataDir);
  let app: App | null = null;
  let virtualPrinter: { close(): Promise<void>; uri: string } | null = null;
  const stop = () => Promise.all([app?.close(), virtualPrinter?.close()]).finally(release);
  try {
    app = createApp({
      config,
      dataDir,
      clock,
      tls,
      allowedOrigins,
      printer: await hardwarePrinter(),
      // GILIRAN_COMMIT_INLINE=1 commits on the event loop instead, to measure what the thread saves.
      commitInWorker: process.env.GILIRAN_COMMIT_INLINE !== '1',
      ...(process.env.GILIRAN_PUBLIC_URL ? { publicUrl: process.env.GILIRAN_PUBLIC_URL } : {}),
    });
    let banner: Parameters<typeof startupBanner>[0]['demo'];
    if (demo) {
      let printerUri = process.env.GILIRAN_DEMO_PRINTER ?? null;
      let printer = printerUri ?? '';
      if (!printerUri) {
        // Dev mode prints to the virtual printer; receipts land in <data>/receipts as text.
        const { createVirtualPrinter } = await import('@giliran/hardware');
        const outDir = join(dataDir, 'receipts');
        virtualPrinter = await createVirtualPrinter({ port: 9100, outDir }).catch(() =>
          createVirtualPrinter({ port: 0, outDir }),
        );
        printerUri = virtualPrinter.uri;
        printer = `${printerUri} (virtual; receipts in ${outDir})`;
      }
      const seeded = await seedDemo(app, { kioskPrinterUri: printerUri });
      banner = {
        ...seeded,
        printer,
        devices: DEMO_DEVICES,
        officers: officerNames(DEMO_OFFICERS.filter((o) => o.role !== 'admin').map((o) => o.username)),
        admin: DEMO_OFFICERS.find((o) => o.role === 'admin')?.username ?? 'admin',
        password: DEMO_PASSWORD,
      };
    } else {
      claimDataDirMode(app.db, 'production', dataDir);
    }
    const actual = await app.listen(port, host);
    const officers = (app.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    const lines = startupBanner({
      officeName: office.name,
      day: app.service.today(),
      timeZone: office.timeZone,
      base: `${scheme}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
      dataDir,
      clockNote,
      ...(banner ? { demo: banner } : { production: { officers } }),
    });
    for (const line of lines) console.log(line);
  } catch (e) {
    await stop();
    throw e;
  }

  const shutdown = (signal: string) => {
    console.log(`[server] ${signal}: closing`);
    void stop().finally(() => process.exit(0));
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

/** `petugas1…petugas8, supervisor`: a numbered run said once. */
function officerNames(names: string[]): string[] {
  const numbered = names.filter((n) => /\d+$/.test(n));
  const rest = names.filter((n) => !/\d+$/.test(n));
  return numbered.length > 2 ? [`${numbered[0]}…${numbered[numbered.length - 1]}`, ...rest] : names;
}

main().catch((e: unknown) => {
  printFatal(e, '[server] failed to start:', [StartupError]);
  process.exit(1);
});
