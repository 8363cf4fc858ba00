import { errorMessage } from '../errors.ts';
import { loadNodeHid } from '../native.ts';
import { HidPosAssembler } from './hid-pos.ts';
import type { HidScan } from './hid-pos.ts';

export interface HidScannerOptions {
  /** hidraw path from `listDevices()`; or vendorId + productId. */
  path?: string;
  vendorId?: number;
  productId?: number;
  onScan: (scan: HidScan) => void;
  onError?: (error: Error) => void;
}

export interface HidScannerHandle {
  close(): Promise<void>;
}

/**
 * Opens a HID POS scanner and calls `onScan` per code. Rejects with `HardwareUnavailableError`
 * when node-hid cannot load, and with a plain Error when the device cannot be opened (usually
 * permissions: see the udev rule in hardware/udev).
 */
export async function openHidScanner(options: HidScannerOptions): Promise<HidScannerHandle> {
  const hid = await loadNodeHid();
  let device: Awaited<ReturnType<typeof hid.HIDAsync.open>>;
  try {
    if (options.path !== undefined) device = await hid.HIDAsync.open(options.path);
    else if (options.vendorId !== undefined && options.productId !== undefined) {
      device = await hid.HIDAsync.open(options.vendorId, options.productId);
    } else throw new Error('give either path or vendorId + productId');
  } catch (error) {
    throw new Error(
      `Could not open the HID scanner: ${errorMessage(error)}. ` +
        'If it exists, check permissions (hardware/udev/99-giliran.rules).',
      { cause: error },
    );
  }
  const assembler = new HidPosAssembler();
  device.on('data', (report: Buffer) => {
    const scan = assembler.push(report, Date.now());
    if (scan) options.onScan(scan);
  });
  device.on('error', (error: unknown) => {
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  });
  return {
    close: async () => {
      device.removeAllListeners('data');
      await device.close().catch(() => undefined);
    },
  };
}
