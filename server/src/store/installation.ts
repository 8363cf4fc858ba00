import type { Db } from './database.ts';

/** `demo`: made by scripts/demo.sh (demo officers, devices, bookings). `production`: a real office. */
export type DataDirMode = 'demo' | 'production';

/** A data folder asked to be what it is not (demo data into an office's folder, or the reverse). */
export class DataDirModeError extends Error {
  constructor(
    readonly dataDir: string,
    readonly mode: DataDirMode,
    readonly wanted: DataDirMode,
  ) {
    super(
      mode === 'production'
        ? `Giliran: folder data ${dataDir} milik kantor (produksi); data demo tidak dimasukkan. ` +
            `Jalankan demo di folder lain (bash scripts/demo.sh memakai ./demo-data). / ` +
            `The data folder ${dataDir} belongs to a real office (production); refusing to add demo data. ` +
            `Run the demo on another folder (bash scripts/demo.sh uses ./demo-data).`
        : `Giliran: folder data ${dataDir} berisi demo (petugas dan perangkat dengan kata sandi umum); ` +
            `jangan dipakai kantor. Pakai folder baru, mis. GILIRAN_DATA_DIR=/var/lib/giliran. / ` +
            `The data folder ${dataDir} holds the demo (officers and devices with published passwords); ` +
            `an office must not use it. Use a new folder, e.g. GILIRAN_DATA_DIR=/var/lib/giliran.`,
    );
    this.name = 'DataDirModeError';
  }
}

/** What the data folder was made for, or null while it is new and empty. */
export function dataDirMode(db: Db): DataDirMode | null {
  const row = db.prepare("SELECT value FROM installation WHERE key = 'mode'").get() as
    { value: DataDirMode } | undefined;
  return row?.value ?? null;
}

/** The folder's mode, decided as `fallback` if it was still new (the first command on it decides). */
export function settleDataDirMode(db: Db, fallback: DataDirMode): DataDirMode {
  return db
    .transaction(() => {
      db.prepare("INSERT OR IGNORE INTO installation (key, value) VALUES ('mode', ?)").run(fallback);
      return dataDirMode(db) ?? fallback;
    })
    .immediate();
}

/**
 * Decides the folder's mode on first use and keeps it: a folder made without the demo never
 * becomes a demo folder later, and a demo folder (with its published passwords) never serves an
 * office. Throws `DataDirModeError` when `wanted` is not what the folder is.
 */
export function claimDataDirMode(db: Db, wanted: DataDirMode, dataDir: string): void {
  const mode = settleDataDirMode(db, wanted);
  if (mode !== wanted) throw new DataDirModeError(dataDir, mode, wanted);
}
