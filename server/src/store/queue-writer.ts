/**
 * The queue writer thread: commits the queue's batches (tickets, counters, streaks, audit rows and
 * outbox events, one transaction each, `synchronous=FULL`) on its own connection, so the fsync of a
 * commit, which on a busy machine takes tens of milliseconds, never holds the server's event loop:
 * boards, phones and other commands are served while a batch becomes durable. The server still
 * acknowledges and broadcasts a command only after this thread reports its batch committed.
 * Started by `startQueueWriter` (store/queue-writer-client.ts); bundled as `dist/queue-writer.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.ts';
import { QueueStore, type StoredBatch } from './queue-store.ts';

const { path, officeCode } = workerData as { path: string; officeCode: string };
const db = openDatabase(path);
const store = new QueueStore(db, officeCode);

parentPort?.on('message', (m: { id: number; batch: StoredBatch } | 'stop') => {
  if (m === 'stop') {
    db.close();
    parentPort?.close();
    return;
  }
  try {
    store.commitBatch(m.batch);
    parentPort?.postMessage({ id: m.id, ok: true });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, ok: false, message: (e as Error).message });
  }
});
parentPort?.postMessage({ ready: true });
