import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds personal data (UU 27/2022): the folder is 0700 and every file in it 0600,
 * whatever the umask of whoever started the server or a command.
 */
export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

/**
 * A storage problem said in one line (Indonesian / English), for the console of the server and of
 * every command: a read-only, full or unwritable data folder is an operator's problem to fix, not a
 * stack trace to read.
 */
export class StorageError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Giliran: ${describe(reason, path)}`);
    this.name = 'StorageError';
  }
}

const PROBLEMS: Record<string, { id: string; en: string }> = {
  not_writable: {
    id: 'folder data {path} tidak bisa ditulisi (periksa pemilik dan izinnya)',
    en: 'the data folder {path} is not writable (check its owner and permissions)',
  },
  read_only: {
    id: 'penyimpanan {path} hanya-baca (read-only)',
    en: 'the storage of {path} is read-only',
  },
  full: {
    id: 'disk penuh, tidak bisa menulis ke {path} (kosongkan ruang disk)',
    en: 'the disk is full, cannot write to {path} (free some disk space)',
  },
  not_a_folder: {
    id: '{path} bukan folder (GILIRAN_DATA_DIR harus sebuah folder)',
    en: '{path} is not a folder (GILIRAN_DATA_DIR must be a folder)',
  },
  cannot_open: {
    id: 'basis data {path} tidak bisa dibuka',
    en: 'cannot open the database {path}',
  },
  io: { id: 'kesalahan baca/tulis disk pada {path}', en: 'disk read/write error on {path}' },
  corrupt: {
    id: 'basis data {path} rusak (pulihkan dari cadangan: npm run restore)',
    en: 'the database {path} is damaged (restore a backup: npm run restore)',
  },
};

function describe(reason: string, path: string): string {
  const p = PROBLEMS[reason] ?? PROBLEMS.io!;
  return `${p.id.replace('{path}', path)} / ${p.en.replace('{path}', path)}`;
}

/** Error codes of Node (errno) and SQLite mapped to what the operator has to do. */
function reasonOf(code: string): string | null {
  if (code === 'EACCES' || code === 'EPERM') return 'not_writable';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'read_only';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'full';
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') return 'not_a_folder';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cannot_open';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return 'io';
  return null;
}

/** The storage problem behind `e`, or null when `e` is something else (a bug, say). */
export function storageProblem(e: unknown, path: string): StorageError | null {
  if (e instanceof StorageError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const reason = reasonOf(code);
  return reason ? new StorageError(path, reason) : null;
}

/** Runs `fn`; a storage failure comes out as a one-line `StorageError` about `path`. */
export function onStorage<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw storageProblem(e, path) ?? e;
  }
}

/** Sets the mode of a file that exists (the database, its WAL and SHM, the key, a receipt). */
export function restrictFile(path: string): void {
  if (existsSync(path)) chmodSync(path, DATA_FILE_MODE);
}

/**
 * Makes sure the data folder exists, is 0700 and can take a write: a small file is written,
 * synced and removed, so a full or read-only disk is said at start, not at the first check-in.
 */
export function prepareDataDir(dir: string): void {
  onStorage(dir, () => {
    mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
    chmodSync(dir, DATA_DIR_MODE);
    const probe = join(dir, `.write-test-${process.pid}`);
    const fd = openSync(probe, 'w', DATA_FILE_MODE);
    try {
      writeSync(fd, Buffer.alloc(4096));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      unlinkSync(probe);
    }
  });
}

/** Creates `path` empty with mode 0600 unless it exists; SQLite then gives its WAL and SHM the same mode. */
export function createPrivateFile(path: string): void {
  onStorage(path, () => {
    closeSync(openSync(path, 'a', DATA_FILE_MODE));
    chmodSync(path, DATA_FILE_MODE);
  });
}
