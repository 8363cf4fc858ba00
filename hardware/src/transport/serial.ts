import { PrinterIoError, errorMessage } from '../errors.ts';
import { loadSerialPort } from '../native.ts';
import { ByteQueue } from './byte-queue.ts';
import type { PrinterTransport } from './types.ts';

/** The part of serialport's `SerialPort` we use; tests pass `SerialPortMock`. */
export interface SerialPortLike {
  open(callback: (error: Error | null) => void): void;
  write(data: Uint8Array, callback: (error: Error | null | undefined) => void): boolean;
  drain(callback: (error: Error | null) => void): void;
  close(callback: (error?: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'error', listener: (error?: Error | null) => void): unknown;
  readonly isOpen: boolean;
}

export type SerialPortFactory = (options: {
  path: string;
  baudRate: number;
  autoOpen: false;
}) => SerialPortLike;

/** A serial (RS-232 or USB-serial) printer via the `serialport` package, 8N1, no flow control. */
export async function openSerialTransport(
  path: string,
  baudRate: number,
  options: { connectTimeoutMs?: number; factory?: SerialPortFactory } = {},
): Promise<PrinterTransport> {
  const factory: SerialPortFactory =
    options.factory ??
    (await loadSerialPort().then(
      ({ SerialPort }) =>
        (o) =>
          new SerialPort(o),
    ));
  const description = `serial:${path}?baud=${baudRate}`;
  const port = factory({ path, baudRate, autoOpen: false });
  const timeoutMs = options.connectTimeoutMs ?? 2000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new PrinterIoError('unreachable', `${description}: could not open within ${timeoutMs} ms.`)),
      timeoutMs,
    );
    port.open((error) => {
      clearTimeout(timer);
      if (error)
        reject(
          new PrinterIoError('unreachable', `${description}: ${errorMessage(error)}.`, { cause: error }),
        );
      else resolve();
    });
  });
  return new SerialTransport(port, description);
}

class SerialTransport implements PrinterTransport {
  private readonly incoming = new ByteQueue();

  constructor(
    private readonly port: SerialPortLike,
    readonly description: string,
  ) {
    port.on('data', (chunk) => this.incoming.push(chunk));
    port.on('error', () => undefined);
    port.on('close', () =>
      this.incoming.fail(
        new PrinterIoError('unreachable', `${description}: the port was closed (unplugged?).`),
      ),
    );
  }

  write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new PrinterIoError('timeout', `${this.description}: could not send within ${timeoutMs} ms.`),
          ),
        timeoutMs,
      );
      const fail = (error: Error): void => {
        clearTimeout(timer);
        reject(new PrinterIoError('unreachable', `${this.description}: ${error.message}.`, { cause: error }));
      };
      this.port.write(bytes, (error) => {
        if (error) return fail(error);
        // write() only queues; drain() waits until the UART has sent it.
        this.port.drain((drainError) => {
          if (drainError) return fail(drainError);
          clearTimeout(timer);
          resolve();
        });
      });
    });
  }

  read(count: number, timeoutMs: number): Promise<Uint8Array> {
    return this.incoming.read(count, timeoutMs, this.description);
  }

  discardInput(): void {
    this.incoming.clear();
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}
