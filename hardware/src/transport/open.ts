import { openSerialTransport } from './serial.ts';
import { openTcpTransport } from './tcp.ts';
import type { OpenOptions, PrinterTransport } from './types.ts';
import { openUsbLpTransport } from './usb-lp.ts';
import { parsePrinterUri, type PrinterUri } from '@giliran/shared';

/** Opens the transport a configuration string names. Rejects with `PrinterIoError`/`PrinterUriError`. */
export function openPrinter(uri: string | PrinterUri, options: OpenOptions = {}): Promise<PrinterTransport> {
  const target = typeof uri === 'string' ? parsePrinterUri(uri) : uri;
  switch (target.kind) {
    case 'tcp':
      return openTcpTransport(target.host, target.port, options);
    case 'usb':
      return openUsbLpTransport(target.path);
    case 'serial':
      return openSerialTransport(target.path, target.baudRate, options);
  }
}
