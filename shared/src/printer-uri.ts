/**
 * Where a receipt printer is, parsed from one configuration string. The one parser for every place
 * a printer address comes in: the admin's pairing form (validated by the server), the kiosk's own
 * configuration, and the transports in hardware/ that open it. Only printer devices are accepted,
 * never an arbitrary file: `tcp://10.0.0.21:9100`, `usb:/dev/usb/lp0` (or `/dev/usb/lp0`),
 * `serial:/dev/ttyUSB0?baud=19200` (or `/dev/ttyUSB0`; also ttyS, ttyACM, ttyAMA, and COM3 on Windows).
 */
export type PrinterUri =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'usb'; path: string }
  | { kind: 'serial'; path: string; baudRate: number };

/** A printer configuration string we cannot or may not use, e.g. `lpt://…` or `usb:/etc/passwd`. */
export class PrinterUriError extends Error {
  override readonly name = 'PrinterUriError';
}

export const DEFAULT_TCP_PORT = 9100;
/** Most ESC/POS printers ship at 9600 or 19200 baud; the self-test page says which. */
export const DEFAULT_BAUD = 9600;
const BAUD_RATES = new Set([2400, 4800, 9600, 19200, 38400, 57600, 115200]);

/** The kernel's usblp device nodes. */
const USB_LP_PATH = /^\/dev\/usb\/lp\d{1,3}$/;
/** UARTs and USB-serial adapters (Linux), COM ports (Windows kiosks). */
const SERIAL_PATH = /^(\/dev\/tty(S|USB|ACM|AMA)\d{1,3}|COM\d{1,3})$/;
/** `tcp://host[:port][/]`: a DNS name, an IPv4 address or a bracketed IPv6 address; nothing else. */
const TCP =
  /^tcp:\/\/(?:([A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)|\[([0-9a-fA-F:.]{2,45})\])(?::(\d{1,5}))?\/?$/;
const EXPECTED = 'tcp://host:9100, usb:/dev/usb/lp0 or serial:/dev/ttyUSB0?baud=19200';

export function parsePrinterUri(uri: string): PrinterUri {
  const value = uri.trim();
  if (value.length > 200) throw new PrinterUriError('Printer address is too long.');
  if (value.startsWith('tcp://')) return parseTcp(uri, value);
  if (value.startsWith('usb:') || USB_LP_PATH.test(value)) {
    const path = value.replace(/^usb:(\/\/(?=\/))?/, '');
    if (!USB_LP_PATH.test(path))
      throw new PrinterUriError(`USB printer "${uri}" must be a usblp device like usb:/dev/usb/lp0.`);
    return { kind: 'usb', path };
  }
  if (value.startsWith('serial:') || SERIAL_PATH.test(value)) {
    const [path = '', query] = value.replace(/^serial:(\/\/(?=\/))?/, '').split('?', 2);
    if (!SERIAL_PATH.test(path))
      throw new PrinterUriError(
        `Serial printer "${uri}" must be a serial device like serial:/dev/ttyUSB0?baud=19200.`,
      );
    const baud = query === undefined ? null : (/^baud=(\d{1,6})$/.exec(query)?.[1] ?? query);
    const baudRate = baud === null ? DEFAULT_BAUD : Number(baud);
    if (!BAUD_RATES.has(baudRate))
      throw new PrinterUriError(`Serial printer "${uri}": unsupported baud rate "${baud}".`);
    return { kind: 'serial', path, baudRate };
  }
  throw new PrinterUriError(`Unknown printer address "${uri}": use ${EXPECTED}.`);
}

function parseTcp(uri: string, value: string): PrinterUri {
  // Host and port only: no user, path, query or fragment for anything to hide in.
  const m = TCP.exec(value);
  const host = m?.[1] ?? m?.[2];
  if (!m || !host)
    throw new PrinterUriError(`Invalid printer address "${uri}": expected only tcp://host:9100.`);
  const port = m[3] === undefined ? DEFAULT_TCP_PORT : Number(m[3]);
  if (port < 1 || port > 65_535) throw new PrinterUriError(`Printer address "${uri}" has no valid port.`);
  return { kind: 'tcp', host, port };
}

/** True when `uri` names a printer we accept (see `parsePrinterUri`). */
export function isPrinterUri(uri: string): boolean {
  try {
    parsePrinterUri(uri);
    return true;
  } catch {
    return false;
  }
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

/** The canonical form of a printer address an admin typed, e.g. `/dev/usb/lp0` → `usb:/dev/usb/lp0`. */
export function normalizePrinterUri(uri: string): string {
  return formatPrinterUri(parsePrinterUri(uri));
}

/** Message for a refused printer address, Indonesian first (shown in the admin's form). */
export const PRINTER_URI_HINT = `alamat printer tidak diizinkan / printer address not allowed: ${EXPECTED}`;
