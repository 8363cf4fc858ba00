/**
 * The import worker thread: reads and checks a booking file (parse, zod, NIK, HMAC) off the
 * server's event loop, handing batches of stored values to the main thread one request at a time.
 * Started by `import-worker-host.ts`; bundled as `dist/import-worker.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkedBatches } from './import-batches.ts';

const data = workerData as { bytes: Uint8Array; secret: Uint8Array; size: number };
const batches = checkedBatches(data.bytes, Buffer.from(data.secret), data.size);
parentPort?.on('message', () => {
  const n = batches.next();
  parentPort?.postMessage(n.done ? { end: true, errors: [], badLines: 0 } : n.value);
});
