import type { PrintResult, PrinterFault, PrinterStatus, PrinterUri } from '@giliran/shared';
import { PrinterIoError, errorMessage } from './errors.ts';
import { DLE_EOT, faultOf, isStatusByte, parseStatusBytes, statusQuery } from './escpos/status.ts';
import type { StatusBytes } from './escpos/status.ts';
import { openPrinter } from './transport/open.ts';
import type { PrinterTransport } from './transport/types.ts';

export interface PrintOptions {
  /** Hard upper bound for the whole attempt; the promise settles by then whatever the printer does. */
  deadlineMs?: number;
  connectTimeoutMs?: number;
  /** Per `DLE EOT` query. */
  statusTimeoutMs?: number;
  writeTimeoutMs?: number;
  /**
   * Wait after sending before the after-status. DLE EOT is answered in real time, possibly before
   * the printer has finished printing what it buffered; a short pause lets a cover opened or paper
   * run out during the print show up.
   */
  settleMs?: number;
  /** False for printers without a back channel (some USB/serial ones): send blind. */
  checkStatus?: boolean;
}

export const DEFAULT_PRINT_OPTIONS = {
  deadlineMs: 8000,
  connectTimeoutMs: 2000,
  statusTimeoutMs: 1000,
  writeTimeoutMs: 4000,
  settleMs: 300,
  checkStatus: true,
} as const satisfies Required<PrintOptions>;

export type StatusResult =
  | { ok: true; status: PrinterStatus; bytes: StatusBytes }
  | { ok: false; reason: PrinterFault; detail: string };

type Phase = 'connecting' | 'checking status' | 'sending' | 'confirming';

/** Tracks the attempt so the deadline can close whatever is open and say where it stopped. */
class Attempt {
  transport: PrinterTransport | null = null;
  expired = false;
  phase: Phase = 'connecting';
  private readonly started = performance.now();
  constructor(readonly deadlineMs: number) {}

  elapsed(): number {
    return Math.round(performance.now() - this.started);
  }
  /**
   * A step's own timeout, capped just past the overall deadline: the deadline timer then always
   * fires first and its message (which says where the attempt stopped) wins the race.
   */
  budget(stepMs: number): number {
    return Math.max(1, Math.min(stepMs, this.deadlineMs - this.elapsed() + 50));
  }
  async open(uri: string | PrinterUri, connectTimeoutMs: number): Promise<PrinterTransport> {
    this.phase = 'connecting';
    const transport = await openPrinter(uri, { connectTimeoutMs: this.budget(connectTimeoutMs) });
    if (this.expired) {
      await transport.close();
      throw new PrinterIoError('timeout', 'deadline passed while connecting');
    }
    this.transport = transport;
    return transport;
  }
}

/**
 * Runs `work` against the deadline. Never throws: every failure, including ones in `work`,
 * becomes `{ ok: false, reason, detail }`; the transport is always closed.
 */
async function bounded<T extends { ok: boolean }>(
  deadlineMs: number,
  work: (attempt: Attempt) => Promise<T>,
  onTimeout: (attempt: Attempt) => T | { ok: false; reason: PrinterFault; detail: string },
): Promise<T | { ok: false; reason: PrinterFault; detail: string }> {
  const attempt = new Attempt(deadlineMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ ok: false; reason: PrinterFault; detail: string } | T>((resolve) => {
    timer = setTimeout(() => {
      attempt.expired = true;
      resolve(onTimeout(attempt));
    }, deadlineMs);
  });
  try {
    return await Promise.race([work(attempt).catch((error: unknown) => failure(error)), deadline]);
  } finally {
    clearTimeout(timer);
    await attempt.transport?.close();
  }
}

function failure(error: unknown): { ok: false; reason: PrinterFault; detail: string } {
  if (error instanceof PrinterIoError) return { ok: false, reason: error.reason, detail: error.message };
  return { ok: false, reason: 'error', detail: errorMessage(error) };
}

/** Asks the four DLE EOT questions; bytes that are not status answers are skipped. */
async function readStatus(
  transport: PrinterTransport,
  attempt: Attempt,
  timeoutMs: number,
): Promise<StatusBytes> {
  const bytes: StatusBytes = {};
  transport.discardInput();
  for (const [kind, n] of Object.entries(DLE_EOT) as [keyof StatusBytes, number][]) {
    await transport.write(statusQuery(n), attempt.budget(timeoutMs));
    const until = attempt.elapsed() + timeoutMs;
    let byte: number;
    do {
      [byte = 0] = await transport.read(1, attempt.budget(until - attempt.elapsed()));
    } while (!isStatusByte(byte));
    bytes[kind] = byte;
  }
  return bytes;
}

/**
 * Sends a ticket and reports what happened. Never throws and settles within `deadlineMs`.
 * Before sending: status; paper out, cover open, error or offline → nothing is sent. After
 * sending: status again, so a cover opened or paper run out mid-print is reported as a failure.
 * `uri` is a configuration string (checked by `parsePrinterUri`) or an already parsed address.
 */
export async function printTicket(
  uri: string | PrinterUri,
  bytes: Uint8Array,
  options: PrintOptions = {},
): Promise<PrintResult> {
  const o = { ...DEFAULT_PRINT_OPTIONS, ...options };
  return bounded<PrintResult>(
    o.deadlineMs,
    async (attempt) => {
      let transport = await attempt.open(uri, o.connectTimeoutMs);
      if (o.checkStatus) {
        attempt.phase = 'checking status';
        let before: StatusBytes;
        try {
          before = await readStatus(transport, attempt, o.statusTimeoutMs);
        } catch (error) {
          // The link dropped before any ticket byte went out: one reconnect is safe (no double print).
          if (!(error instanceof PrinterIoError && error.reason === 'unreachable')) throw error;
          await transport.close();
          attempt.transport = null;
          transport = await attempt.open(uri, o.connectTimeoutMs);
          attempt.phase = 'checking status';
          before = await readStatus(transport, attempt, o.statusTimeoutMs);
        }
        const fault = faultOf(parseStatusBytes(before));
        if (fault) return { ok: false, ...fault, detail: `${fault.detail} Nothing was printed.` };
      }
      attempt.phase = 'sending';
      await transport.write(bytes, attempt.budget(o.writeTimeoutMs));
      let status: PrinterStatus | undefined;
      if (o.checkStatus) {
        attempt.phase = 'confirming';
        await new Promise((r) => setTimeout(r, Math.min(o.settleMs, attempt.budget(o.settleMs))));
        let after: StatusBytes;
        try {
          after = await readStatus(transport, attempt, o.statusTimeoutMs);
        } catch (error) {
          const f = failure(error);
          return {
            ...f,
            detail: `${f.detail} The ticket was sent but not confirmed: check whether it printed.`,
          };
        }
        status = parseStatusBytes(after);
        const fault = faultOf(status);
        if (fault) {
          return {
            ok: false,
            ...fault,
            detail: `${fault.detail} It happened during printing: the ticket may be incomplete.`,
          };
        }
      }
      return status
        ? { ok: true, durationMs: attempt.elapsed(), status }
        : { ok: true, durationMs: attempt.elapsed() };
    },
    (attempt) => ({
      ok: false,
      reason: 'timeout',
      detail:
        `No result within ${o.deadlineMs} ms (stopped while ${attempt.phase}).` +
        (attempt.phase === 'sending' || attempt.phase === 'confirming'
          ? ' The ticket may have printed.'
          : ''),
    }),
  );
}

export interface StatusOptions {
  deadlineMs?: number;
  connectTimeoutMs?: number;
  statusTimeoutMs?: number;
}

/** Reads a printer's state for the dashboard. Never throws; settles within `deadlineMs` (default 3 s). */
export async function queryPrinterStatus(uri: string, options: StatusOptions = {}): Promise<StatusResult> {
  const deadlineMs = options.deadlineMs ?? 3000;
  return bounded<StatusResult>(
    deadlineMs,
    async (attempt) => {
      const transport = await attempt.open(
        uri,
        options.connectTimeoutMs ?? DEFAULT_PRINT_OPTIONS.connectTimeoutMs,
      );
      attempt.phase = 'checking status';
      const bytes = await readStatus(
        transport,
        attempt,
        options.statusTimeoutMs ?? DEFAULT_PRINT_OPTIONS.statusTimeoutMs,
      );
      return { ok: true, status: parseStatusBytes(bytes), bytes };
    },
    (attempt) => ({
      ok: false,
      reason: 'timeout',
      detail: `No status within ${deadlineMs} ms (stopped while ${attempt.phase}).`,
    }),
  );
}
