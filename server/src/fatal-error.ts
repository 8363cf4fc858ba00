import { ConfigError } from './config.ts';
import { dataDirFromEnv } from './env.ts';
import { BackupError } from './store/backup.ts';
import { StorageError, storageProblem } from './store/data-dir.ts';
import { DataDirModeError } from './store/installation.ts';
import { NewerDatabaseError } from './store/migrations/index.ts';
import { DataDirBusyError } from './store/server-lock.ts';

type ErrorClass = abstract new (...args: never[]) => Error;

/** Errors whose message is already one line an operator can act on. */
const OPERATOR_ERRORS: readonly ErrorClass[] = [
  ConfigError,
  NewerDatabaseError,
  StorageError,
  DataDirModeError,
  DataDirBusyError,
  BackupError,
];

/**
 * Prints why the server or a command stopped: one line for the problems an operator can fix (bad
 * configuration, a full or read-only data folder, a folder in use…), the whole error otherwise.
 */
export function printFatal(e: unknown, unexpected: string, alsoKnown: readonly ErrorClass[] = []): void {
  const known = [...OPERATOR_ERRORS, ...alsoKnown].some((kind) => e instanceof kind);
  const storage = known ? null : storageProblem(e, dataDirFromEnv());
  if (known || storage) console.error(((storage ?? e) as Error).message);
  else console.error(unexpected, e);
}
