import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-threads.ts';
import type { QueueStore, StoredBatch } from './queue-store.ts';

/** Commits a batch durably; resolves once it is on disk, rejects if nothing of it was written. */
export type BatchWriter = (batch: StoredBatch) => Promise<void>;

/**
 * Starts the queue writer thread (queue-writer.ts) on the database at `path`. Batches are committed
 * there one at a time, in order. If the thread cannot start or dies, batches are committed on the
 * main connection instead (as before the thread existed): slower for the event loop, never lost.
 * `stop()` ends the thread; call it after the last batch settled and before closing the database.
 */
export function startQueueWriter(
  store: QueueStore,
  path: string,
  officeCode: string,
): { write: BatchWriter; stop(): Promise<void> } {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { ok: () => void; fail: (e: Error) => void }>();
  const fallBack = (why: string) => {
    if (worker) console.error('[store] queue writer thread stopped; commits run inline:', why);
    worker = null;
    for (const w of waiting.values()) w.fail(new Error(`queue writer thread stopped: ${why}`));
    waiting.clear();
  };
  try {
    worker = startWorker('queue-writer', { workerData: { path, officeCode } });
    worker.unref();
    worker.on('message', (m: { id: number; ok: boolean; message?: string } | { ready: true }) => {
      if (!('id' in m)) return;
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.ok) w?.ok();
      else w?.fail(new Error(m.message ?? 'commit failed'));
    });
    worker.on('error', (e) => fallBack(e.message));
    worker.on('exit', (code) => fallBack(`exit ${code}`));
  } catch (e) {
    console.error('[store] queue writer thread not started; commits run inline:', (e as Error).message);
    worker = null;
  }
  return {
    write: (batch) => {
      const w = worker;
      if (!w) {
        store.commitBatch(batch);
        return Promise.resolve();
      }
      return new Promise<void>((ok, fail) => {
        const id = nextId++;
        waiting.set(id, { ok, fail });
        w.postMessage({ id, batch });
      });
    },
    stop: async () => {
      const w = worker;
      if (!w) return;
      worker = null;
      const exited = new Promise<void>((ok) => w.once('exit', () => ok()));
      w.ref(); // keep the process alive until the thread has closed its connection
      w.postMessage('stop');
      await exited;
    },
  };
}
