import type { PrinterFault, PrinterStatus, PrintResult, TicketPrintData } from '@giliran/shared';

/**
 * The one place IPC channel names live. Main registers handlers for these, preload invokes them;
 * nothing else may spell a channel name (Mattermost `src/common/communication.ts`).
 */
export const IPC = {
  printTickets: 'kiosk:print-tickets',
  printerStatus: 'kiosk:printer-status',
  getToken: 'kiosk:get-token',
  setToken: 'kiosk:set-token',
  /** main → renderer: a code read by the HID POS scanner. */
  scan: 'kiosk:scan',
} as const;

export type IpcChannel = (typeof IPC)[keyof typeof IPC];
/** Channels the renderer may `invoke` (the scan channel only flows main → renderer). */
export type InvokeChannel = Exclude<IpcChannel, typeof IPC.scan>;

/** The name of the bridge object on `window`; its absence means browser mode. */
export const BRIDGE_KEY = 'giliranKiosk';

/** Printer state as the kiosk shows it: a status, or why it cannot be read. */
export type PrinterStatusResult =
  { ok: true; status: PrinterStatus } | { ok: false; reason: PrinterFault; detail: string };

export interface IpcResults {
  [IPC.printTickets]: PrintResult;
  [IPC.printerStatus]: PrinterStatusResult;
  [IPC.getToken]: string | null;
  [IPC.setToken]: null;
}

/** What an IPC handler answers: a result, or a refusal the renderer can show. */
export type IpcResponse<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * The single object the preload script exposes as `window.giliranKiosk`. The renderer checks for
 * it to decide between local printing (Electron) and server printing (browser mode).
 */
export interface KioskBridge {
  readonly version: 1;
  /** Prints the tickets on the kiosk's own printer (one after another); never throws. */
  printTickets(tickets: TicketPrintData[]): Promise<PrintResult>;
  printerStatus(): Promise<PrinterStatusResult>;
  /** The device token persisted under userData, or null before pairing. */
  getToken(): Promise<string | null>;
  setToken(token: string | null): Promise<void>;
  /** Codes from the HID POS scanner; returns an unsubscribe function. */
  onScan(listener: (code: string) => void): () => void;
}
