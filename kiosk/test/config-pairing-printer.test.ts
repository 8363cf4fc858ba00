import type { PrintResult } from '@giliran/shared';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  hidScannerTarget,
  KioskConfigError,
  resolveKioskConfig,
} from '../src/main/config.ts';
import { PairingStore, type FileStore } from '../src/main/pairing-store.ts';
import { LocalPrinter, type PrinterDriver } from '../src/main/printer.ts';
import { TICKET } from './fakes.ts';

describe('kiosk config', () => {
  it('uses defaults, then the file, then the environment', () => {
    expect(resolveKioskConfig({ env: {}, fileText: null })).toEqual(DEFAULT_CONFIG);
    const file = JSON.stringify({
      serverUrl: 'http://10.0.0.2:8080/',
      printerUri: 'usb:/dev/usb/lp0',
      paperWidth: 58,
    });
    expect(resolveKioskConfig({ env: {}, fileText: file })).toMatchObject({
      serverUrl: 'http://10.0.0.2:8080',
      printerUri: 'usb:/dev/usb/lp0',
      paperWidth: 58,
    });
    const env = {
      GILIRAN_SERVER_URL: 'http://kantor.local:8080/kiosk/',
      GILIRAN_PRINTER_URI: 'tcp://10.0.0.21:9100',
      GILIRAN_KIOSK_MODE: '0',
      GILIRAN_HID_SCANNER: '05e0:1200',
    };
    expect(resolveKioskConfig({ env, fileText: file })).toEqual({
      serverUrl: 'http://kantor.local:8080',
      printerUri: 'tcp://10.0.0.21:9100',
      paperWidth: 58,
      kioskMode: false,
      hidScanner: '05e0:1200',
    });
  });

  it.each([
    'tcp://10.0.0.21:9100',
    'tcp://printer',
    'usb:/dev/usb/lp1',
    'serial:/dev/ttyUSB0',
    'serial:/dev/ttyS0?baud=9600',
  ])('accepts printer URI %s', (uri) => {
    expect(resolveKioskConfig({ env: { GILIRAN_PRINTER_URI: uri }, fileText: null }).printerUri).toBe(uri);
  });

  it('names every bad field', () => {
    const bad = JSON.stringify({ serverUrl: 'ftp://x', printerUri: 'lpt1', paperWidth: 76, extra: true });
    expect(() => resolveKioskConfig({ env: {}, fileText: bad })).toThrow(KioskConfigError);
    try {
      resolveKioskConfig({ env: {}, fileText: bad });
    } catch (e) {
      const msg = (e as Error).message;
      for (const f of ['serverUrl', 'printerUri', 'paperWidth']) expect(msg).toContain(f);
    }
    expect(() => resolveKioskConfig({ env: {}, fileText: '{oops' })).toThrow(/not JSON/);
    expect(() => resolveKioskConfig({ env: {}, fileText: '[]' })).toThrow(/object/);
  });

  it('reads a HID scanner as a path or vendor:product', () => {
    expect(hidScannerTarget('/dev/hidraw3')).toEqual({ path: '/dev/hidraw3' });
    expect(hidScannerTarget('05e0:1200')).toEqual({ vendorId: 0x05e0, productId: 0x1200 });
  });
});

function memoryFiles(): FileStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    read: (p) => data.get(p) ?? null,
    write: (p, t) => void data.set(p, t),
    remove: (p) => void data.delete(p),
  };
}

describe('pairing store', () => {
  it('persists the token as JSON and forgets it on null', () => {
    const files = memoryFiles();
    const store = new PairingStore(files, '/u/pairing.json', () => 42);
    expect(store.get()).toBeNull();
    store.set('tok-123456');
    expect(JSON.parse(files.data.get('/u/pairing.json')!)).toEqual({ token: 'tok-123456', pairedAt: 42 });
    expect(new PairingStore(files, '/u/pairing.json', () => 0).get()).toBe('tok-123456');
    store.set(null);
    expect(files.data.has('/u/pairing.json')).toBe(false);
  });

  it('treats a corrupt file as not paired', () => {
    const files = memoryFiles();
    const store = new PairingStore(files, '/p', () => 0);
    files.data.set('/p', '{not json');
    expect(store.get()).toBeNull();
    files.data.set('/p', '{"token": 5}');
    expect(store.get()).toBeNull();
  });
});

describe('local printer', () => {
  function driver(results: PrintResult[]): PrinterDriver & { sent: string[] } {
    const sent: string[] = [];
    return {
      sent,
      encodeTicket: (d, o) => new TextEncoder().encode(`${d.number}@${o.width}`),
      printTicket: (uri, bytes) => {
        sent.push(`${uri} ${new TextDecoder().decode(bytes)}`);
        return Promise.resolve(results.shift() ?? { ok: true, durationMs: 1 });
      },
    };
  }

  it('prints each ticket in order and sums the time', async () => {
    const d = driver([
      { ok: true, durationMs: 10 },
      { ok: true, durationMs: 20 },
    ]);
    const p = new LocalPrinter(d, 'tcp://10.0.0.21:9100', 58);
    expect(await p.printTickets([TICKET, { ...TICKET, number: 'A013' }])).toEqual({
      ok: true,
      durationMs: 30,
    });
    expect(d.sent).toEqual(['tcp://10.0.0.21:9100 A012@58', 'tcp://10.0.0.21:9100 A013@58']);
  });

  it('stops at the first fault and returns it', async () => {
    const d = driver([{ ok: false, reason: 'paper_out', detail: 'paper end' }]);
    const p = new LocalPrinter(d, 'usb:/dev/usb/lp0', 80);
    expect(await p.printTickets([TICKET, TICKET])).toEqual({
      ok: false,
      reason: 'paper_out',
      detail: 'paper end',
    });
    expect(d.sent).toHaveLength(1);
  });

  it('never throws: no printer, a throwing driver, no status support', async () => {
    expect(await new LocalPrinter(driver([]), null, 80).printTickets([TICKET])).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
    const throwing: PrinterDriver = {
      encodeTicket: () => {
        throw new Error('bad glyph');
      },
      printTicket: () => Promise.resolve({ ok: true, durationMs: 0 }),
    };
    expect(await new LocalPrinter(throwing, 'tcp://p:9100', 80).printTickets([TICKET])).toEqual({
      ok: false,
      reason: 'error',
      detail: 'bad glyph',
    });
    expect(await new LocalPrinter(throwing, 'tcp://p:9100', 80).status()).toMatchObject({ ok: false });
  });
});
