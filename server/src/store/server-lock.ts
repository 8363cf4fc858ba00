import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILE_MODE } from './data-dir.ts';

const LOCK_FILE = 'server.pid';

/** Another server process already serves this data folder (two would split the day). */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Giliran: folder data ${dataDir} sedang dipakai server lain (pid ${pid}); hentikan dulu. / ` +
        `The data folder ${dataDir} is in use by a running server (pid ${pid}); stop it first ` +
        `(if no Giliran server runs, delete ${join(dataDir, LOCK_FILE)}).`,
    );
    this.name = 'DataDirBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live server holding `dataDir`, or null (no server, or one killed without cleanup). */
export function serverHolding(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim());
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
}

/** Marks `dataDir` as served by this process; returns the release. Refuses a folder already served. */
export function holdDataDir(dataDir: string): () => void {
  const other = serverHolding(dataDir);
  if (other !== null) throw new DataDirBusyError(dataDir, other);
  const path = join(dataDir, LOCK_FILE);
  writeFileSync(path, `${process.pid}\n`, { mode: DATA_FILE_MODE });
  return () => {
    try {
      if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
    } catch {
      // already gone
    }
  };
}
