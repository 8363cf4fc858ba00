import { describe, expect, it, vi } from 'vitest';
import { HardwareUnavailableError } from './errors.ts';

// What a kiosk without libusb sees: the native addon fails to dlopen at import time.
vi.mock('node-hid', () => {
  throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
});

describe('loadNodeHid', () => {
  it('turns a dlopen failure into a sentence naming the Debian packages', async () => {
    const { loadNodeHid } = await import('./native.ts');
    const error: unknown = await loadNodeHid().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HardwareUnavailableError);
    expect((error as HardwareUnavailableError).debianPackages).toEqual(['libusb-1.0-0', 'libudev1']);
    expect((error as Error).message).toContain('sudo apt-get install libusb-1.0-0 libudev1');
  });

  it('listDevices reports it as a problem instead of throwing', async () => {
    const { listDevices } = await import('./devices.ts');
    const list = await listDevices();
    expect(list.scanners).toEqual([]);
    expect(list.problems.some((p) => p.includes('libusb-1.0-0'))).toBe(true);
  });
});
