import type { PaperWidth, PrinterStatus, PrintResult, TicketPrintData } from '@giliran/shared';
import type { PrinterStatusResult } from '../common/ipc.ts';

/** The hardware functions the kiosk prints with (`@giliran/hardware` in production). */
export interface PrinterDriver {
  encodeTicket(data: TicketPrintData, options: { width: PaperWidth }): Uint8Array;
  printTicket(uri: string, bytes: Uint8Array): Promise<PrintResult>;
  /** Reads DLE EOT status, when the transport supports it. */
  readStatus?(uri: string): Promise<PrinterStatusResult>;
}

/** The kiosk's own printer. Never throws: every failure becomes a `PrintResult` the screen can show. */
export class LocalPrinter {
  constructor(
    private readonly driver: PrinterDriver,
    private readonly uri: string | null,
    private readonly width: PaperWidth,
  ) {}

  /** Prints tickets one after another (a family's tickets, in number order); stops at the first fault. */
  async printTickets(tickets: readonly TicketPrintData[]): Promise<PrintResult> {
    if (this.uri === null) return { ok: false, reason: 'unreachable', detail: 'no printer configured' };
    let durationMs = 0;
    let status: PrinterStatus | undefined;
    for (const ticket of tickets) {
      let result: PrintResult;
      try {
        result = await this.driver.printTicket(
          this.uri,
          this.driver.encodeTicket(ticket, { width: this.width }),
        );
      } catch (e) {
        result = { ok: false, reason: 'error', detail: (e as Error).message };
      }
      if (!result.ok) return result;
      durationMs += result.durationMs;
      status = result.status;
    }
    return status ? { ok: true, durationMs, status } : { ok: true, durationMs };
  }

  async status(): Promise<PrinterStatusResult> {
    if (this.uri === null) return { ok: false, reason: 'unreachable', detail: 'no printer configured' };
    if (!this.driver.readStatus) return { ok: false, reason: 'error', detail: 'status not supported' };
    try {
      return await this.driver.readStatus(this.uri);
    } catch (e) {
      return { ok: false, reason: 'error', detail: (e as Error).message };
    }
  }
}
