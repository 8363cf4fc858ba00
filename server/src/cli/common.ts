/**
 * What every command (`npm run import|admin|check-config|backup|restore`) shares: private files
 * (umask 077), the data folder from the environment, and errors an operator can act on printed as
 * one line (Indonesian / English) with a non-zero exit code, never a stack trace.
 */
import { join } from 'node:path';
import { requestLang, type Lang } from '@giliran/shared';
import { dataDirFromEnv } from '../env.ts';
import { printFatal } from '../fatal-error.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { settleDataDirMode, type DataDirMode } from '../store/installation.ts';

/** A refusal of a command, said to the operator; `exitCode` 1 (refused) or 2 (used wrongly). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Runs a command's main; its resolved number is the exit code. */
export function runCommand(main: () => Promise<number> | number): void {
  // Files a command creates (database, backup, key) are the operator's alone.
  process.umask(0o077);
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code),
      (e: unknown) => {
        printFatal(e, 'Giliran: kesalahan tak terduga / unexpected error:', [CliError]);
        process.exit(e instanceof CliError ? e.exitCode : 1);
      },
    );
}

/** The data folder's database, opened (and migrated) for a command. */
export function openDataDir(fallbackMode: DataDirMode = 'production'): {
  dataDir: string;
  db: Db;
  mode: DataDirMode;
} {
  const dataDir = dataDirFromEnv();
  const db = openDatabase(join(dataDir, 'giliran.db'));
  return { dataDir, db, mode: settleDataDirMode(db, fallbackMode) };
}

/** The operator's language from the locale (`LANG=en_US.UTF-8` → English); Indonesian otherwise. */
export function cliLang(): Lang {
  return requestLang(null, process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
}
