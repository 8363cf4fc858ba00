import net from 'node:net';
import { PrinterIoError, errorMessage } from '../errors.ts';
import { ByteQueue } from './byte-queue.ts';
import type { PrinterTransport } from './types.ts';

export interface TcpOptions {
  connectTimeoutMs?: number;
  /** Pause before the one reconnect attempt; a printer that just rebooted needs a moment. */
  retryDelayMs?: number;
}

/**
 * Opens a raw TCP (port 9100, "JetDirect") connection. One failed connect is retried once:
 * network printers drop idle sockets and refuse a connection while finishing another job.
 */
export async function openTcpTransport(
  host: string,
  port: number,
  options: TcpOptions = {},
): Promise<PrinterTransport> {
  const timeoutMs = options.connectTimeoutMs ?? 2000;
  try {
    return await connectOnce(host, port, timeoutMs);
  } catch {
    await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 150));
    return connectOnce(host, port, timeoutMs);
  }
}

function connectOnce(host: string, port: number, timeoutMs: number): Promise<PrinterTransport> {
  const description = `tcp://${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PrinterIoError('unreachable', `${description}: no connection within ${timeoutMs} ms.`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new PrinterIoError('unreachable', `${description}: ${errorMessage(error)}.`, { cause: error }));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // Tickets are small and interactive: send them now, not after Nagle's delay.
      socket.setNoDelay(true);
      resolve(new TcpTransport(socket, description));
    });
  });
}

class TcpTransport implements PrinterTransport {
  private readonly incoming = new ByteQueue();
  private closed = false;

  constructor(
    private readonly socket: net.Socket,
    readonly description: string,
  ) {
    socket.on('data', (chunk: Buffer) => this.incoming.push(chunk));
    socket.on('error', () => undefined); // reported through 'close' below
    socket.on('close', () => {
      this.closed = true;
      this.incoming.fail(
        new PrinterIoError('unreachable', `${description}: the printer closed the connection.`),
      );
    });
  }

  write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.closed || this.socket.destroyed) {
      return Promise.reject(new PrinterIoError('unreachable', `${this.description}: connection is closed.`));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A printer that stops reading (buffer full, cover open on some models) blocks the socket.
        this.socket.destroy();
        reject(new PrinterIoError('timeout', `${this.description}: could not send within ${timeoutMs} ms.`));
      }, timeoutMs);
      const onClose = (): void => {
        clearTimeout(timer);
        reject(new PrinterIoError('unreachable', `${this.description}: connection lost while sending.`));
      };
      this.socket.once('close', onClose);
      this.socket.write(bytes, (error) => {
        clearTimeout(timer);
        this.socket.off('close', onClose);
        if (error) reject(new PrinterIoError('unreachable', `${this.description}: ${errorMessage(error)}.`));
        else resolve();
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
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      // end() lets queued bytes reach the printer; destroy() bounds the wait if it never answers.
      const timer = setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 500);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }
}
