import type { Db } from './database.ts';

/**
 * Erased personal data must leave the disk, not only the tables. `secure_delete` (set on every
 * connection) zeroes what an UPDATE or DELETE frees inside the database pages; the WAL still holds
 * the older page images until a checkpoint copies the new ones over and the WAL is truncated.
 * Returns false when a reader (the import CLI, a backup) kept the checkpoint from finishing.
 */
export function truncateWal(db: Db): boolean {
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return r?.busy === 0;
}

/**
 * Databases written before `secure_delete` was on still hold freed bytes of rows erased or
 * changed then. One VACUUM rewrites the file without them; it is recorded so it runs once.
 */
export function vacuumOnceForSecureDelete(db: Db): boolean {
  const done = db.prepare("SELECT 1 FROM installation WHERE key = 'secure_delete_vacuum'").get();
  if (done) return false;
  db.exec('VACUUM');
  db.prepare("INSERT OR IGNORE INTO installation (key, value) VALUES ('secure_delete_vacuum', ?)").run(
    String(Date.now()),
  );
  truncateWal(db);
  return true;
}
