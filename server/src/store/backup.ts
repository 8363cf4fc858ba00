import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadInstallationSecret } from '../auth/secrets.ts';
import { DATA_FILE_MODE, onStorage, prepareDataDir, restrictFile } from './data-dir.ts';
import { openDatabase } from './database.ts';
import { SCHEMA_VERSION } from './migrations/index.ts';
import { serverHolding } from './server-lock.ts';

/**
 * Backups of a data folder as ONE file: the database copied with SQLite's online backup API (a
 * consistent snapshot that includes what still sits in the WAL, taken while the server runs), plus
 * the installation key that NIK look-ups need, in a `giliran_backup` table. The file therefore holds
 * personal data and the key: it is 0600 and must be kept like the server itself.
 */

const DB_FILE = 'giliran.db';
/** Pages per backup step after the first: all of them, so the copy is one read snapshot. */
const ALL_PAGES = 0x7fffffff;
const KEY_FILE = 'installation.key';

/** A backup or restore the operator must act on; the message says what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(`Giliran: ${message}`);
    this.name = 'BackupError';
  }
}

export interface BackupSummary {
  file: string;
  schemaVersion: number;
  takenAt: number;
  bookings: number;
  tickets: number;
  lastDay: string | null;
}

function summarize(db: Database.Database, file: string, takenAt: number): BackupSummary {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    file,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    takenAt,
    bookings: n('SELECT count(*) AS n FROM bookings'),
    tickets: n('SELECT count(*) AS n FROM tickets'),
    lastDay: (db.prepare('SELECT max(day) AS d FROM tickets').get() as { d: string | null }).d,
  };
}

/** Copies the data folder's database and key into `file` while the server keeps running. */
export async function backupDataDir(dataDir: string, file: string, now: number): Promise<BackupSummary> {
  const source = join(dataDir, DB_FILE);
  if (!existsSync(source))
    throw new BackupError(
      `tidak ada basis data di ${dataDir} / there is no database in ${dataDir} (check GILIRAN_DATA_DIR)`,
    );
  if (existsSync(file))
    throw new BackupError(`${file} sudah ada; pilih nama lain / ${file} exists already; choose another name`);
  const key = readFileSync(join(dataDir, KEY_FILE), 'utf8').trim();
  const partial = join(dirname(file), `.${basename(file)}.partial`);
  try {
    return await writeBackup(source, partial, file, key, now);
  } catch (e) {
    for (const f of [partial, `${partial}-journal`]) rmSync(f, { force: true });
    throw e;
  }
}

async function writeBackup(
  source: string,
  partial: string,
  file: string,
  key: string,
  now: number,
): Promise<BackupSummary> {
  const src = onStorage(source, () => new Database(source, { fileMustExist: true }));
  try {
    src.pragma('busy_timeout = 10000');
    // One step copies every page from one read snapshot: consistent, and writers are never blocked (WAL).
    await onStorage(file, () => src.backup(partial, { progress: () => ALL_PAGES }));
  } finally {
    src.close();
  }
  const copy = onStorage(file, () => new Database(partial));
  let summary: BackupSummary;
  try {
    copy.exec(`CREATE TABLE giliran_backup (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
    const put = copy.prepare('INSERT INTO giliran_backup (key, value) VALUES (?, ?)');
    put.run('installation_key', key);
    put.run('taken_at', String(now));
    // One self-contained file, no -wal beside it.
    copy.pragma('journal_mode = DELETE');
    summary = summarize(copy, file, now);
  } finally {
    copy.close();
  }
  restrictFile(partial);
  renameSync(partial, file);
  return summary;
}

/** Reads and checks a backup file before anything in the data folder is touched. */
function inspectBackup(file: string): { key: string; summary: BackupSummary } {
  if (!existsSync(file)) throw new BackupError(`${file} tidak ada / ${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw notABackup(file);
  }
  try {
    let ok: unknown;
    try {
      ok = db.pragma('integrity_check', { simple: true });
    } catch {
      throw notABackup(file);
    }
    if (ok !== 'ok') throw new BackupError(`${file} rusak / ${file} is damaged (${String(ok)})`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new BackupError(
        `${file} dibuat oleh Giliran yang lebih baru (skema ${version}, versi ini ${SCHEMA_VERSION}); perbarui Giliran dulu / ` +
          `${file} was made by a newer Giliran (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade Giliran first`,
      );
    const meta = (() => {
      try {
        return new Map(
          (db.prepare('SELECT key, value FROM giliran_backup').all() as { key: string; value: string }[]).map(
            (r) => [r.key, r.value],
          ),
        );
      } catch {
        throw notABackup(file);
      }
    })();
    const key = meta.get('installation_key');
    if (version < 1 || !key || !/^[0-9a-f]{64}$/.test(key)) throw notABackup(file);
    return { key, summary: summarize(db, file, Number(meta.get('taken_at') ?? 0)) };
  } finally {
    db.close();
  }
}

const notABackup = (file: string) =>
  new BackupError(
    `${file} bukan cadangan Giliran (buat dengan npm run backup) / ${file} is not a Giliran backup (made by npm run backup)`,
  );

/**
 * Restores `file` into `dataDir`: refused while a server serves the folder, or when the folder
 * has a database and `replace` is not given (then the old database and key are kept beside it,
 * renamed `*.before-restore-<time>`). The backup is checked first (integrity, Giliran backup,
 * schema not newer than this build), then copied, and brought to this build's schema.
 */
export async function restoreDataDir(
  file: string,
  dataDir: string,
  opts: { replace: boolean; now: number },
): Promise<BackupSummary & { keptAside: string[] }> {
  const { key, summary } = inspectBackup(file);
  const pid = serverHolding(dataDir);
  if (pid !== null)
    throw new BackupError(
      `server Giliran (pid ${pid}) sedang memakai ${dataDir}; hentikan dulu (mis. systemctl stop giliran), pulihkan, lalu jalankan lagi / ` +
        `a Giliran server (pid ${pid}) is using ${dataDir}; stop it first (e.g. systemctl stop giliran), restore, then start it again`,
    );
  const target = join(dataDir, DB_FILE);
  if (existsSync(target) && !opts.replace)
    throw new BackupError(
      `${dataDir} sudah berisi basis data; tambahkan --replace untuk menggantinya (yang lama disimpan di sampingnya) / ` +
        `${dataDir} already has a database; add --replace to replace it (the old one is kept beside it)`,
    );
  prepareDataDir(dataDir);
  const restoring = join(dataDir, `${DB_FILE}.restoring`);
  rmSync(restoring, { force: true });
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await onStorage(restoring, () => src.backup(restoring, { progress: () => ALL_PAGES }));
  } finally {
    src.close();
  }
  const copy = new Database(restoring);
  try {
    copy.exec('DROP TABLE giliran_backup');
    copy.pragma('journal_mode = WAL');
  } finally {
    copy.close();
  }
  restrictFile(restoring);

  const keptAside: string[] = [];
  const stamp = new Date(opts.now).toISOString().replace(/[:.]/g, '-');
  if (existsSync(target)) {
    // Fold the old WAL into the old file first: a -wal left beside the restored file would be replayed into it.
    const old = new Database(target);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.pragma('journal_mode = DELETE');
    old.close();
    const aside = `${target}.before-restore-${stamp}`;
    renameSync(target, aside);
    keptAside.push(aside);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  const keyPath = join(dataDir, KEY_FILE);
  if (existsSync(keyPath)) {
    const aside = `${keyPath}.before-restore-${stamp}`;
    renameSync(keyPath, aside);
    keptAside.push(aside);
  }
  renameSync(restoring, target);
  writeFileSync(keyPath, key, { mode: DATA_FILE_MODE });
  openDatabase(target).close(); // migrates a backup from an older schema to this build's
  loadInstallationSecret(dataDir);
  return { ...summary, keptAside };
}
