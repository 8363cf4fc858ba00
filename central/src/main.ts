/**
 * Entry point of the central reporting service. Environment: CENTRAL_DATABASE_URL (required,
 * `postgres://user@host:5432/db`), PORT (8090), HOST (127.0.0.1), CENTRAL_TIME_ZONE (the zone of
 * "today" for the dashboard's default range, Asia/Jakarta), CENTRAL_TLS_CERT + CENTRAL_TLS_KEY
 * (PEM files: serve HTTPS directly; otherwise put it behind an HTTPS reverse proxy).
 */
import { readFileSync } from 'node:fs';
import { createCentralApp } from './app.ts';
import { createPool } from './db.ts';
import { migrate, NewerCentralDatabaseError } from './migrate.ts';

async function main(): Promise<void> {
  const url = process.env.CENTRAL_DATABASE_URL;
  if (!url)
    throw new Error('CENTRAL_DATABASE_URL is not set (e.g. postgres://giliran@127.0.0.1:5432/giliran)');
  const port = Number(process.env.PORT ?? 8090);
  const host = process.env.HOST ?? '127.0.0.1';
  const pool = createPool(url);
  const version = await migrate(pool);
  const tls =
    process.env.CENTRAL_TLS_CERT && process.env.CENTRAL_TLS_KEY
      ? { cert: readFileSync(process.env.CENTRAL_TLS_CERT), key: readFileSync(process.env.CENTRAL_TLS_KEY) }
      : null;
  const app = createCentralApp({
    pool,
    timeZone: process.env.CENTRAL_TIME_ZONE ?? 'Asia/Jakarta',
    secureCookies: process.env.CENTRAL_SECURE_COOKIES === '1',
    ...(tls ? { tls } : {}),
  });
  await app.listen(port, host);
  console.log(
    `Giliran Central listening on ${tls ? 'https' : 'http'}://${host}:${port} (database schema version ${version})`,
  );
  const shutdown = (signal: string) => {
    console.log(`[central] ${signal}: closing`);
    app.http.close();
    void pool.end().finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof NewerCentralDatabaseError) console.error(e.message);
  else console.error('[central] failed to start:', (e as Error).message);
  process.exit(1);
});
