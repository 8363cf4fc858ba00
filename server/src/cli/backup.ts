/**
 * `npm run backup -- FILE`: a consistent copy of the office database (SQLite's online backup API,
 * so everything still in the WAL is in it) and the installation key, in one file, while the server
 * runs. The file holds personal data and the key: it is created 0600; keep it as safe as the server.
 */
import { dataDirFromEnv, userPath } from '../env.ts';
import { backupDataDir } from '../store/backup.ts';
import { CliError, runCommand } from './common.ts';

runCommand(async () => {
  const file = process.argv[2];
  if (!file || process.argv.length > 3)
    throw new CliError(
      'Pemakaian / usage: npm run backup -- FILE   (e.g. /var/backups/giliran-2026-11-28.db)',
      2,
    );
  const s = await backupDataDir(dataDirFromEnv(), userPath(file), Date.now());
  console.log(
    `Cadangan dibuat / backup written: ${s.file} (schema ${s.schemaVersion}, ${s.bookings} bookings, ` +
      `${s.tickets} tickets, last day ${s.lastDay ?? '-'})`,
  );
  return 0;
});
