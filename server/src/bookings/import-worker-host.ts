import { startWorker } from '../worker-threads.ts';
import type { BatchSource, CheckedBatch } from './import-batches.ts';

/**
 * Checks a booking file in a worker thread, so a 50 MB import costs the event loop only the short
 * writes of each batch. The next batch is asked for as soon as one arrives (one in flight), so the
 * worker reads while the main thread writes. The file's bytes are moved, not copied, to the worker.
 */
export function workerBatches(bytes: Uint8Array, secret: Buffer, size: number): BatchSource {
  // A Buffer may be a view into a shared pool: only a whole ArrayBuffer of its own can be moved.
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  const worker = startWorker('import-worker', {
    workerData: { bytes: own, secret: Uint8Array.from(secret), size },
    transferList: [own.buffer as ArrayBuffer],
  });
  const waiting: { ok(b: CheckedBatch): void; fail(e: Error): void }[] = [];
  const arrived: CheckedBatch[] = [];
  let failure: Error | null = null;
  worker.on('message', (b: CheckedBatch) => {
    const w = waiting.shift();
    if (w) w.ok(b);
    else arrived.push(b);
  });
  const fail = (e: Error) => {
    failure = e;
    for (const w of waiting.splice(0)) w.fail(e);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`import worker exited (${code})`)));
  worker.postMessage('next');
  return {
    next: () => {
      const ready = arrived.shift();
      const result = ready
        ? Promise.resolve(ready)
        : failure
          ? Promise.reject(failure)
          : new Promise<CheckedBatch>((ok, f) => waiting.push({ ok, fail: f }));
      return result.then((b) => {
        if (!('end' in b)) worker.postMessage('next'); // read ahead while this batch is written
        return b;
      });
    },
    close: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
