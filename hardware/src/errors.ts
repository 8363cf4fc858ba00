import type { PrinterFault } from '@giliran/shared';

/**
 * A native driver (node-hid, serialport) could not be loaded on this machine. The message names
 * the Debian package to install, because this is what a technician on site sees.
 */
export class HardwareUnavailableError extends Error {
  override readonly name = 'HardwareUnavailableError';
  constructor(
    message: string,
    readonly debianPackages: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// The printer-address parser (and its error) live in shared/, the one validator for every place.
export { PrinterUriError } from '@giliran/shared';

/**
 * A transport failure already classified as a `PrinterFault`, so `printTicket` can turn it into a
 * `PrintResult` without guessing from error strings.
 */
export class PrinterIoError extends Error {
  override readonly name = 'PrinterIoError';
  constructor(
    readonly reason: PrinterFault,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
