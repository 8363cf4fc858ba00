import { chmod, mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { encodeStatusBytes } from '../escpos/status.ts';
import { EscPosDecoder, receiptToText } from './decoder.ts';
import type { Receipt } from './decoder.ts';

/** Conditions the virtual printer pretends to be in; all can change while it runs. */
export interface VirtualPrinterFaults {
  paperOut?: boolean;
  paperNearEnd?: boolean;
  coverOpen?: boolean;
  offline?: boolean;
  /** Mechanism/cutter error (DLE EOT 3). */
  error?: boolean;
  /** Delay before answering each status request. */
  slowMs?: number;
  /** Close every connection as soon as it sends anything. */
  dropConnection?: boolean;
  /** The cover opens after this many print-data bytes: the rest is not printed. */
  coverOpensAfterBytes?: number;
}

export interface VirtualPrinterOptions {
  /** 0 picks a free port. Default 9100. */
  port?: number;
  host?: string;
  /** Each receipt is written here as `<timestamp>-<n>.txt`. */
  outDir?: string;
  faults?: VirtualPrinterFaults;
}

export interface VirtualPrinterStats {
  connections: number;
  statusRequests: number;
  /** Print-data bytes received (printed or not), i.e. everything except status requests. */
  printBytes: number;
  droppedConnections: number;
}

export interface VirtualPrinter {
  readonly port: number;
  readonly host: string;
  /** `tcp://host:port`, ready for `printTicket`. */
  readonly uri: string;
  readonly receipts: readonly Receipt[];
  readonly stats: Readonly<VirtualPrinterStats>;
  readonly faults: Readonly<VirtualPrinterFaults>;
  /** Replaces the fault set (unlisted faults clear). */
  setFaults(faults: VirtualPrinterFaults): void;
  /** Resolves with the next receipt not yet returned by an earlier call; rejects after the timeout. */
  waitForReceipt(timeoutMs?: number): Promise<Receipt>;
  on(event: 'receipt', listener: (receipt: Receipt) => void): void;
  close(): Promise<void>;
}

/** Starts a TCP "port 9100" printer that decodes what it receives. Dev mode and every printing test use it. */
export async function createVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  let faults: VirtualPrinterFaults = { ...options.faults };
  const receipts: Receipt[] = [];
  const listeners: ((r: Receipt) => void)[] = [];
  const waiters: (() => void)[] = [];
  const stats: VirtualPrinterStats = {
    connections: 0,
    statusRequests: 0,
    printBytes: 0,
    droppedConnections: 0,
  };
  const sockets = new Set<net.Socket>();
  const writes: Promise<void>[] = [];
  let consumed = 0;
  let fileCounter = 0;
  let printBytesAtFaultChange = 0;

  const accept = (receipt: Receipt): void => {
    receipts.push(receipt);
    if (options.outDir !== undefined) {
      writes.push(
        save(options.outDir, receipt, ++fileCounter).catch((error: unknown) => {
          process.emitWarning(`virtual printer: could not save receipt: ${String(error)}`);
        }),
      );
    }
    for (const l of listeners) l(receipt);
    for (const w of waiters.splice(0)) w();
  };

  // A printer with paper out, cover open or offline still answers DLE EOT but prints nothing.
  const canPrint = (): boolean => {
    const limit = faults.coverOpensAfterBytes;
    if (limit !== undefined && !faults.coverOpen && stats.printBytes - printBytesAtFaultChange > limit) {
      faults = { ...faults, coverOpen: true };
    }
    return !faults.paperOut && !faults.coverOpen && !faults.offline && !faults.error;
  };

  const server = net.createServer((socket) => {
    stats.connections++;
    sockets.add(socket);
    let lastPrintBytes = 0;
    const decoder = new EscPosDecoder({
      canPrint: (n) => {
        stats.printBytes += n - lastPrintBytes;
        lastPrintBytes = n;
        return canPrint();
      },
    });
    // Status answers go out in order, each after `slowMs`.
    let replies = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      if (faults.dropConnection) {
        stats.droppedConnections++;
        socket.destroy();
        return;
      }
      for (const event of decoder.push(chunk)) {
        if (event.type === 'receipt') {
          accept(event.receipt);
          continue;
        }
        stats.statusRequests++;
        const n = event.n;
        replies = replies.then(async () => {
          const delay = faults.slowMs ?? 0;
          if (delay > 0) await new Promise((r) => setTimeout(r, delay));
          const answer = statusAnswer(faults, n);
          if (answer !== undefined && !socket.destroyed) socket.write(Uint8Array.of(answer));
        });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      const partial = decoder.end();
      if (partial) accept(partial);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9100, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 9100);

  return {
    port,
    host,
    uri: `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`,
    receipts,
    stats,
    get faults() {
      return faults;
    },
    setFaults(next) {
      faults = { ...next };
      printBytesAtFaultChange = stats.printBytes;
    },
    waitForReceipt(timeoutMs = 2000) {
      return new Promise<Receipt>((resolve, reject) => {
        const take = (): boolean => {
          const r = receipts[consumed];
          if (!r) return false;
          consumed++;
          resolve(r);
          return true;
        };
        if (take()) return;
        const timer = setTimeout(() => {
          const i = waiters.indexOf(check);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`virtual printer: no receipt within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = (): void => {
          if (take()) clearTimeout(timer);
          else waiters.push(check);
        };
        waiters.push(check);
      });
    },
    on(_event, listener) {
      listeners.push(listener);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(writes);
    },
  };
}

function statusAnswer(faults: VirtualPrinterFaults, n: number): number | undefined {
  const bytes = encodeStatusBytes({
    offline: faults.offline ?? false,
    paperOut: faults.paperOut ?? false,
    paperNearEnd: faults.paperNearEnd ?? false,
    coverOpen: faults.coverOpen ?? false,
    error: faults.error ?? false,
  });
  return [undefined, bytes.printer, bytes.offlineCause, bytes.errorCause, bytes.paperSensor][n];
}

/** Receipts carry a (masked) name: the folder is the owner's only (0700), each file 0600. */
async function save(outDir: string, receipt: Receipt, n: number): Promise<void> {
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  await chmod(outDir, 0o700);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await writeFile(path.join(outDir, `${stamp}-${n}.txt`), receiptToText(receipt), {
    encoding: 'utf8',
    mode: 0o600,
  });
}
