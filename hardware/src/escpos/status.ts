import type { PrinterFault, PrinterStatus } from '@giliran/shared';

/**
 * `DLE EOT n` — real-time status transmission. The printer answers one byte immediately, even
 * while offline or with data still in its buffer, which is why we use it around every print.
 */
export const DLE_EOT = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const;

export type StatusKind = keyof typeof DLE_EOT;

export function statusQuery(n: number): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/** The four answers, one byte each; a missing one (printer without that query) is undefined. */
export interface StatusBytes {
  printer?: number | undefined;
  offlineCause?: number | undefined;
  errorCause?: number | undefined;
  paperSensor?: number | undefined;
}

/**
 * Every status byte has bit 1 and bit 4 set and bits 0 and 7 clear (0xx1xx10). A byte that does
 * not is not a status answer (noise, an Automatic Status Back block, a late reply) and is ignored.
 */
export function isStatusByte(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0010;
}

const bit = (byte: number | undefined, mask: number): boolean =>
  byte !== undefined && isStatusByte(byte) && (byte & mask) !== 0;

/**
 * Bit meanings per the Epson ESC/POS reference (copied by nearly all clones):
 * n=1 bit3 offline; n=2 bit2 cover open, bit5 stopped by paper end, bit6 error;
 * n=3 bit3 auto-cutter error, bit5 unrecoverable error, bit6 auto-recoverable error
 * (bit2, "mechanical error" on some models, is treated as an error too);
 * n=4 bits2-3 paper near end, bits5-6 paper end.
 * Either bit of a sensor pair counts: some models set only one of them.
 */
export function parseStatusBytes(bytes: StatusBytes): PrinterStatus {
  const paperOut = bit(bytes.paperSensor, 0x60) || bit(bytes.offlineCause, 0x20);
  const coverOpen = bit(bytes.offlineCause, 0x04);
  const error = bit(bytes.offlineCause, 0x40) || bit(bytes.errorCause, 0x4c | 0x20);
  const offlineFlag = bit(bytes.printer, 0x08);
  return {
    online: !offlineFlag && !paperOut && !coverOpen && !error,
    paperNearEnd: bit(bytes.paperSensor, 0x0c),
    paperOut,
    coverOpen,
    error,
  };
}

/** The inverse of `parseStatusBytes`, for the virtual printer and tests. */
export function encodeStatusBytes(status: Omit<PrinterStatus, 'online'> & { offline: boolean }): {
  printer: number;
  offlineCause: number;
  errorCause: number;
  paperSensor: number;
} {
  const base = 0x12;
  const offline = status.offline || status.paperOut || status.coverOpen || status.error;
  return {
    printer: base | (offline ? 0x08 : 0),
    offlineCause:
      base | (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0) | (status.error ? 0x40 : 0),
    errorCause: base | (status.error ? 0x20 : 0),
    paperSensor: base | (status.paperNearEnd ? 0x0c : 0) | (status.paperOut ? 0x60 : 0),
  };
}

/**
 * The reason a printer in this state must not be sent a ticket, or null when it can print.
 * Paper near end still prints: it only warns staff.
 */
export function faultOf(status: PrinterStatus): { reason: PrinterFault; detail: string } | null {
  if (status.paperOut) return { reason: 'paper_out', detail: 'The printer is out of paper.' };
  if (status.coverOpen) return { reason: 'cover_open', detail: 'The printer cover is open.' };
  if (status.error) return { reason: 'error', detail: 'The printer reports an error (cutter or mechanism).' };
  if (!status.online) return { reason: 'offline', detail: 'The printer is offline.' };
  return null;
}
