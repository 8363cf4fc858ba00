/**
 * The checkpointer worker thread: copies the WAL into the database file every second, on its own
 * connection, so the fsync of a checkpoint (which on a busy disk takes hundreds of milliseconds)
 * never runs on the server's event loop. The main connection keeps a high `wal_autocheckpoint` only
 * as a fallback. PASSIVE: it never waits for, or blocks, the server's readers and writers.
 * Started by `startCheckpointer` (store/checkpoints.ts); bundled as `dist/checkpointer.mjs`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { path, everyMs } = workerData as { path: string; everyMs: number };
const db = new Database(path, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // another checkpoint or a full disk: the next tick tries again, the fallback stays
  }
}, everyMs);
parentPort?.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
