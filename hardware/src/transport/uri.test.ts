import { describe, expect, it } from 'vitest';
import { PrinterUriError } from '../errors.ts';
import { formatPrinterUri, parsePrinterUri } from './uri.ts';

describe('parsePrinterUri', () => {
  it('parses the three transports', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toEqual({
      kind: 'tcp',
      host: '192.168.1.50',
      port: 9100,
    });
    expect(parsePrinterUri('tcp://printer-lobby')).toEqual({
      kind: 'tcp',
      host: 'printer-lobby',
      port: 9100,
    });
    expect(parsePrinterUri('tcp://[::1]:9101')).toEqual({ kind: 'tcp', host: '::1', port: 9101 });
    expect(parsePrinterUri('usb:/dev/usb/lp0')).toEqual({ kind: 'usb', path: '/dev/usb/lp0' });
    expect(parsePrinterUri('usb:///dev/usb/lp1')).toEqual({ kind: 'usb', path: '/dev/usb/lp1' });
    expect(parsePrinterUri('serial:/dev/ttyUSB0?baud=19200')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 19200,
    });
    expect(parsePrinterUri('serial:/dev/ttyS1')).toEqual({
      kind: 'serial',
      path: '/dev/ttyS1',
      baudRate: 9600,
    });
  });

  it('round-trips through formatPrinterUri', () => {
    for (const uri of [
      'tcp://10.0.0.7:9100',
      'tcp://[::1]:9100',
      'usb:/dev/usb/lp0',
      'serial:/dev/ttyUSB0?baud=38400',
    ]) {
      expect(formatPrinterUri(parsePrinterUri(uri))).toBe(uri);
    }
  });

  it('rejects what it cannot use with a sentence', () => {
    for (const bad of [
      'lpt://1',
      'tcp://',
      'usb:lp0',
      'serial:/dev/ttyUSB0?baud=12345',
      'tcp://host:99999',
    ]) {
      expect(() => parsePrinterUri(bad), bad).toThrow(PrinterUriError);
    }
  });
});
