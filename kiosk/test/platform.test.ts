import { describe, expect, it } from 'vitest';
import type { PrinterStatus } from '@giliran/shared';
import { BRIDGE_KEY, type PrinterStatusResult } from '../src/common/ipc.ts';
import { detectPlatform } from '../src/renderer/platform.ts';

const healthy: PrinterStatus = {
  online: true,
  paperNearEnd: true,
  paperOut: false,
  coverOpen: false,
  error: false,
};

function windowWithBridge(status: PrinterStatusResult): Window {
  return { [BRIDGE_KEY]: { printerStatus: () => Promise.resolve(status) } } as unknown as Window;
}

describe('printer report for the dashboard', () => {
  it('sends the DLE EOT status read through the Electron bridge', async () => {
    const platform = detectPlatform(windowWithBridge({ ok: true, status: healthy }));
    expect(platform.mode).toBe('electron');
    await expect(platform.printerReport()).resolves.toEqual({ printer: healthy });
  });

  it('says why the status could not be read', async () => {
    const platform = detectPlatform(
      windowWithBridge({ ok: false, reason: 'unreachable', detail: 'ENOENT /dev/usb/lp0' }),
    );
    await expect(platform.printerReport()).resolves.toEqual({
      printer: null,
      detail: 'unreachable: ENOENT /dev/usb/lp0',
    });
  });

  it('reports nothing in browser mode (the server prints and records faults)', async () => {
    const platform = detectPlatform({} as Window);
    expect(platform.mode).toBe('browser');
    await expect(platform.printerReport()).resolves.toBeNull();
  });
});
