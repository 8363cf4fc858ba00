import { PrinterUriError } from '../errors.ts';

/**
 * Where a printer is, parsed from one configuration string:
 * `tcp://192.168.1.50:9100`, `usb:/dev/usb/lp0`, `serial:/dev/ttyUSB0?baud=19200`.
 */
export type PrinterUri =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'usb'; path: string }
  | { kind: 'serial'; path: string; baudRate: number };

export const DEFAULT_TCP_PORT = 9100;
/** Most ESC/POS printers ship at 9600 or 19200 baud; the self-test page says which. */
export const DEFAULT_BAUD = 9600;
const BAUD_RATES = new Set([2400, 4800, 9600, 19200, 38400, 57600, 115200]);

export function parsePrinterUri(uri: string): PrinterUri {
  const value = uri.trim();
  if (value.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new PrinterUriError(`Invalid printer address "${uri}": expected tcp://host:9100.`);
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host === '') throw new PrinterUriError(`Printer address "${uri}" has no host.`);
    const port = url.port === '' ? DEFAULT_TCP_PORT : Number(url.port);
    return { kind: 'tcp', host, port };
  }
  if (value.startsWith('usb:')) {
    const path = value.slice('usb:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path.startsWith('/'))
      throw new PrinterUriError(`USB printer "${uri}" needs a device path like usb:/dev/usb/lp0.`);
    return { kind: 'usb', path };
  }
  if (value.startsWith('serial:')) {
    const [rawPath = '', query = ''] = value
      .slice('serial:'.length)
      .replace(/^\/\/(?=\/)/, '')
      .split('?', 2);
    if (!rawPath.startsWith('/') && !/^COM\d+$/i.test(rawPath)) {
      throw new PrinterUriError(
        `Serial printer "${uri}" needs a device path like serial:/dev/ttyUSB0?baud=19200.`,
      );
    }
    const baud = new URLSearchParams(query).get('baud');
    const baudRate = baud === null ? DEFAULT_BAUD : Number(baud);
    if (!BAUD_RATES.has(baudRate)) {
      throw new PrinterUriError(`Serial printer "${uri}": unsupported baud rate "${baud}".`);
    }
    return { kind: 'serial', path: rawPath, baudRate };
  }
  throw new PrinterUriError(
    `Unknown printer address "${uri}": use tcp://host:9100, usb:/dev/usb/lp0 or serial:/dev/ttyUSB0?baud=19200.`,
  );
}

export function formatPrinterUri(uri: PrinterUri): string {
  switch (uri.kind) {
    case 'tcp':
      return `tcp://${uri.host.includes(':') ? `[${uri.host}]` : uri.host}:${uri.port}`;
    case 'usb':
      return `usb:${uri.path}`;
    case 'serial':
      return `serial:${uri.path}?baud=${uri.baudRate}`;
  }
}
