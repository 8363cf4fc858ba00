import fs from 'node:fs';
import { PrinterIoError, errorMessage } from '../errors.ts';
import type { PrinterTransport } from './types.ts';

const POLL_MS = 20;

/**
 * A USB printer through the kernel's usblp driver (`/dev/usb/lp0`). The device is opened
 * non-blocking so a printer that never answers cannot park one of libuv's few threadpool threads
 * in read(2); we poll instead. Reads only work on printers with a bidirectional interface.
 */
export async function openUsbLpTransport(path: string): Promise<PrinterTransport> {
  try {
    const handle = await fs.promises.open(
      path,
      fs.constants.O_RDWR | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY,
    );
    return new UsbLpTransport(handle, `usb:${path}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EACCES'
        ? ' (no permission: install hardware/udev/99-giliran.rules or add the user to the lp group)'
        : code === 'ENOENT'
          ? ' (not found: is the printer plugged in and switched on?)'
          : '';
    throw new PrinterIoError('unreachable', `usb:${path}: ${errorMessage(error)}${hint}.`, { cause: error });
  }
}

const isAgain = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class UsbLpTransport implements PrinterTransport {
  private pending: number[] = [];
  private closed = false;

  constructor(
    private readonly handle: fs.promises.FileHandle,
    readonly description: string,
  ) {}

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let offset = 0;
    while (offset < bytes.length) {
      if (this.closed) throw new PrinterIoError('unreachable', `${this.description}: closed.`);
      try {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
        continue;
      } catch (error) {
        if (!isAgain(error)) {
          throw new PrinterIoError('unreachable', `${this.description}: ${errorMessage(error)}.`, {
            cause: error,
          });
        }
      }
      // EAGAIN: the printer is not taking data (busy, cover open, out of paper). Wait, bounded.
      if (Date.now() >= deadline) {
        throw new PrinterIoError(
          'timeout',
          `${this.description}: printer did not accept data within ${timeoutMs} ms.`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  async read(count: number, timeoutMs: number): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    const chunk = new Uint8Array(64);
    while (this.pending.length < count) {
      if (this.closed) throw new PrinterIoError('unreachable', `${this.description}: closed.`);
      let got = 0;
      try {
        ({ bytesRead: got } = await this.handle.read(chunk, 0, chunk.length, null));
      } catch (error) {
        if (!isAgain(error)) {
          throw new PrinterIoError('unreachable', `${this.description}: ${errorMessage(error)}.`, {
            cause: error,
          });
        }
      }
      for (let k = 0; k < got; k++) this.pending.push(chunk[k] ?? 0);
      if (this.pending.length >= count) break;
      if (Date.now() >= deadline) {
        throw new PrinterIoError('timeout', `${this.description}: no answer within ${timeoutMs} ms.`);
      }
      await sleep(POLL_MS);
    }
    return Uint8Array.from(this.pending.splice(0, count));
  }

  discardInput(): void {
    this.pending = [];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => undefined);
  }
}
