/**
 * `npm run restore -- FILE [--replace]`: puts a backup made by `npm run backup` back into
 * GILIRAN_DATA_DIR. Stop the server first (it is refused while a server uses the folder); the
 * backup is checked (a Giliran backup, intact, not from a newer schema) before anything changes.
 * With --replace an existing database and key are kept beside it as `*.before-restore-<time>`.
 */
import { parseArgs } from 'node:util';
import { dataDirFromEnv, userPath } from '../env.ts';
import { restoreDataDir } from '../store/backup.ts';
import { CliError, runCommand } from './common.ts';

runCommand(async () => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ options: { replace: { type: 'boolean', default: false } }, allowPositionals: true });
    } catch (e) {
      throw new CliError(
        `${(e as Error).message}\nPemakaian / usage: npm run restore -- FILE [--replace]`,
        2,
      );
    }
  })();
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new CliError('Pemakaian / usage: npm run restore -- FILE [--replace]', 2);
  const dataDir = dataDirFromEnv();
  const s = await restoreDataDir(userPath(file), dataDir, {
    replace: values.replace ?? false,
    now: Date.now(),
  });
  console.log(
    `Dipulihkan / restored ${s.file} into ${dataDir}: ${s.bookings} bookings, ${s.tickets} tickets, last day ${s.lastDay ?? '-'}.`,
  );
  for (const aside of s.keptAside) console.log(`  kept / disimpan: ${aside}`);
  console.log('Jalankan server lagi / start the server again.');
  return 0;
});
