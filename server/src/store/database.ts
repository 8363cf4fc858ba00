import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { createPrivateFile, onStorage, prepareDataDir, restrictFile } from './data-dir.ts';
import { migrate } from './migrations/index.ts';

export type Db = Database.Database;

/**
 * Opens the office database: WAL, `synchronous=FULL` (an acknowledged command survives power loss),
 * foreign keys on, a busy timeout so the import CLI can write while the server runs.
 * `secure_delete` overwrites deleted and replaced content with zeros, so what retention erases is
 * gone from the file, not just unlinked. The folder is 0700, the database, WAL and SHM 0600.
 * A read-only, full or unwritable data folder throws a one-line `StorageError`.
 */
export function openDatabase(path: string): Db {
  if (path === ':memory:') return configure(new Database(path));
  prepareDataDir(dirname(path));
  createPrivateFile(path);
  const db = onStorage(path, () => configure(new Database(path)));
  for (const suffix of ['-wal', '-shm']) restrictFile(`${path}${suffix}`);
  return db;
}

function configure(db: Db): Db {
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
