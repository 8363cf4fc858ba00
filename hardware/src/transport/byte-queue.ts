import { PrinterIoError } from '../errors.ts';

/** Incoming bytes buffered until someone reads them, with per-read timeouts. */
export class ByteQueue {
  private buffer: number[] = [];
  private waiter: { count: number; resolve: (b: Uint8Array) => void; reject: (e: Error) => void } | null =
    null;
  private failure: Error | null = null;

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.buffer.push(b);
    this.settle();
  }

  /** After this every read fails with `error` (the link closed). */
  fail(error: Error): void {
    this.failure ??= error;
    if (this.waiter) {
      const { reject } = this.waiter;
      this.waiter = null;
      reject(error);
    }
  }

  clear(): void {
    this.buffer = [];
  }

  read(count: number, timeoutMs: number, what: string): Promise<Uint8Array> {
    if (this.waiter) return Promise.reject(new Error('ByteQueue: concurrent reads are not supported'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new PrinterIoError('timeout', `${what}: no answer within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.waiter = {
        count,
        resolve: (b) => {
          clearTimeout(timer);
          resolve(b);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.settle();
    });
  }

  private settle(): void {
    const w = this.waiter;
    if (!w) return;
    if (this.buffer.length >= w.count) {
      this.waiter = null;
      w.resolve(Uint8Array.from(this.buffer.splice(0, w.count)));
    } else if (this.failure) {
      this.waiter = null;
      w.reject(this.failure);
    }
  }
}
