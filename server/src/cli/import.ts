/**
 * `npm run import -- FILE`: imports an M-Paspor export (CSV or JSON) into GILIRAN_DATA_DIR. Safe
 * while the server runs: short write transactions with pauses between them (the server's check-ins
 * are never held for long) and a busy timeout (never SQLITE_BUSY); the server reads bookings from
 * the database at every check-in, so it sees them at once. All-or-nothing: a file with any bad
 * line changes nothing, and every problem of every bad line is listed (the first 100 lines), in
 * the locale's language (LANG=en_… English, otherwise Indonesian).
 */
import { readFileSync } from 'node:fs';
import { loadInstallationSecret } from '../auth/secrets.ts';
import { inlineBatches } from '../bookings/import-batches.ts';
import { CLI_PACING, describeBadLines, importBookings, STAGE_ROWS } from '../bookings/import-bookings.ts';
import { ImportStore } from '../bookings/import-store.ts';
import { userPath } from '../env.ts';
import { cliLang, CliError, openDataDir, runCommand } from './common.ts';

runCommand(async () => {
  const file = process.argv[2];
  if (!file || process.argv.length > 3)
    throw new CliError('Pemakaian / usage: npm run import -- FILE.csv|FILE.json', 2);
  let bytes: Buffer;
  try {
    bytes = readFileSync(userPath(file));
  } catch (e) {
    throw new CliError(`Tidak bisa membaca / cannot read ${file}: ${(e as Error).message}`, 2);
  }
  const { dataDir, db } = openDataDir();
  db.pragma('busy_timeout = 30000');
  let result: Awaited<ReturnType<typeof importBookings>>;
  try {
    const secret = loadInstallationSecret(dataDir);
    result = await importBookings(new ImportStore(db), inlineBatches(bytes, secret, STAGE_ROWS), {
      source: 'cli',
      now: Date.now(),
      pacing: CLI_PACING,
    });
  } finally {
    db.close();
  }
  const lang = cliLang();
  const say = (id: string, en: string) => (lang === 'en' ? en : id);
  if (!result.ok) {
    console.error(
      say(
        `Berkas ditolak, tidak ada yang berubah: ${result.badLines} baris bermasalah.`,
        `File rejected, nothing changed: ${result.badLines} bad lines.`,
      ),
    );
    for (const l of describeBadLines(result.errors, lang))
      console.error(`  ${say('baris', 'line')} ${l.line}: ${l.reason}`);
    const more = result.badLines - result.errors.length;
    if (more > 0) console.error(`  ${say(`… dan ${more} baris lain`, `… and ${more} more lines`)}`);
    return 1;
  }
  const c = result.counts;
  console.log(
    say(
      `Diimpor ke ${dataDir}: ${c.inserted} baru, ${c.updated} diubah, ${c.unchanged} tidak berubah.`,
      `Imported into ${dataDir}: ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged.`,
    ),
  );
  return 0;
});
