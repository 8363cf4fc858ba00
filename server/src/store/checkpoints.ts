import { startWorker } from '../worker-threads.ts';
import type { Db } from './database.ts';

/** WAL pages the main connection lets pile up before it checkpoints itself (the thread is gone). */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Moves routine WAL checkpoints of `db` (a file) to the checkpointer thread. If the thread cannot
 * start, the connection keeps SQLite's own automatic checkpoints. `stop()` ends the thread; call it
 * before closing `db`.
 */
export function startCheckpointer(db: Db, path: string, everyMs = 1_000): { stop(): Promise<void> } {
  const started = Promise.resolve()
    .then(() => startWorker('checkpointer', { workerData: { path, everyMs } }))
    .then(
      (worker) => {
        db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
        worker.unref();
        return worker;
      },
      (e: unknown) => {
        console.error(
          '[store] checkpointer thread not started; checkpoints stay inline:',
          (e as Error).message,
        );
        return null;
      },
    );
  return {
    stop: async () => {
      const worker = await started;
      if (!worker) return;
      const exited = new Promise<void>((ok) => worker.once('exit', () => ok()));
      worker.ref(); // keep the process alive until the thread has closed its connection
      worker.postMessage('stop');
      await exited;
    },
  };
}
