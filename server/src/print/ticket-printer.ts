import type { PaperWidth, PrintResult, TicketPrintData } from '@giliran/shared';

/**
 * Prints tickets on a device's network printer for kiosks running in a plain browser. The real
 * implementation encodes ESC/POS with `hardware/` and sends it over TCP; tests may pass their own.
 */
export interface TicketPrinter {
  print(uri: string, tickets: TicketPrintData[], width: PaperWidth): Promise<PrintResult>;
}

export async function hardwarePrinter(): Promise<TicketPrinter> {
  const hw = await import('@giliran/hardware');
  return {
    async print(uri, tickets, width) {
      const started = Date.now();
      let last: PrintResult | null = null;
      for (const t of tickets) {
        last = await hw.printTicket(uri, hw.encodeTicket(t, { width }));
        if (!last.ok) return last;
      }
      const durationMs = Date.now() - started;
      return last?.ok && last.status
        ? { ok: true, durationMs, status: last.status }
        : { ok: true, durationMs };
    },
  };
}
