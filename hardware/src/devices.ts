import { readdir } from 'node:fs/promises';
import { errorMessage } from './errors.ts';
import { loadNodeHid, loadSerialPort } from './native.ts';
import { HID_POS_USAGE_PAGE } from './scanner/hid-pos.ts';
import { DEFAULT_BAUD } from '@giliran/shared';

/**
 * Scanner makers seen in Indonesian immigration offices and the wider POS market. A match only
 * means "probably a scanner": in keyboard mode it is a keyboard to the OS, handled by the wedge.
 */
export const SCANNER_VENDOR_IDS: Readonly<Record<number, string>> = {
  0x0c2e: 'Honeywell (Metrologic)',
  0x0536: 'Honeywell (Hand Held Products)',
  0x05e0: 'Zebra (Symbol)',
  0x05f9: 'Datalogic',
  0x1eab: 'Newland',
};

export interface ScannerDevice {
  path: string | null;
  vendorId: number;
  productId: number;
  product: string | null;
  manufacturer: string | null;
  /** `hid-pos`: readable with `openHidScanner`; `keyboard`: a keyboard-wedge interface. */
  mode: 'hid-pos' | 'keyboard' | 'other';
}

export interface PrinterDevice {
  /** Ready for `printTicket`, e.g. `usb:/dev/usb/lp0`. Serial ones carry a default baud to check. */
  uri: string;
  description: string;
}

interface SerialPortInfo {
  path: string;
  manufacturer?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface DeviceList {
  scanners: ScannerDevice[];
  printers: PrinterDevice[];
  /** What could not be listed and why (missing driver, no permission); never thrown. */
  problems: string[];
}

/** Lists attached scanners and printers. Never throws: failures go to `problems`. */
export async function listDevices(): Promise<DeviceList> {
  const result: DeviceList = { scanners: [], printers: [], problems: [] };

  try {
    const hid = await loadNodeHid();
    for (const d of await hid.devicesAsync()) {
      const isPos = d.usagePage === HID_POS_USAGE_PAGE;
      if (!isPos && SCANNER_VENDOR_IDS[d.vendorId] === undefined) continue;
      result.scanners.push({
        path: d.path ?? null,
        vendorId: d.vendorId,
        productId: d.productId,
        product: d.product ?? null,
        manufacturer: d.manufacturer ?? SCANNER_VENDOR_IDS[d.vendorId] ?? null,
        mode: isPos ? 'hid-pos' : d.usagePage === 0x01 && d.usage === 0x06 ? 'keyboard' : 'other',
      });
    }
  } catch (error) {
    result.problems.push(errorMessage(error));
  }

  try {
    const entries = await readdir('/dev/usb');
    for (const name of entries.filter((e) => /^lp\d+$/.test(e)).sort()) {
      result.printers.push({ uri: `usb:/dev/usb/${name}`, description: 'USB printer (usblp)' });
    }
  } catch (error) {
    // No /dev/usb simply means no USB printer (or no usblp module); not worth a warning.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') result.problems.push(errorMessage(error));
  }

  try {
    const { SerialPort } = await loadSerialPort();
    // serialport's PortInfo type does not resolve under "Bundler" resolution; this is its shape.
    const ports = (await SerialPort.list()) as SerialPortInfo[];
    for (const p of ports) {
      // Built-in UARTs without a device behind them show up as ttyS*; only list real adapters.
      if (p.vendorId === undefined && /\/ttyS\d+$/.test(p.path)) continue;
      result.printers.push({
        uri: `serial:${p.path}?baud=${DEFAULT_BAUD}`,
        description:
          [p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId}`].filter(Boolean).join(' ') ||
          'serial port',
      });
    }
  } catch (error) {
    result.problems.push(errorMessage(error));
  }

  return result;
}
