import { describe, expect, it } from 'vitest';
import { formatPrinterUri, normalizePrinterUri, parsePrinterUri, PrinterUriError } from './printer-uri.ts';

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
    expect(parsePrinterUri('serial:COM3?baud=38400')).toEqual({
      kind: 'serial',
      path: 'COM3',
      baudRate: 38400,
    });
  });

  it('takes bare device paths as the admin may type them', () => {
    expect(parsePrinterUri('/dev/usb/lp2')).toEqual({ kind: 'usb', path: '/dev/usb/lp2' });
    expect(parsePrinterUri('/dev/ttyACM0')).toEqual({ kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600 });
    expect(normalizePrinterUri(' /dev/ttyUSB3 ')).toBe('serial:/dev/ttyUSB3?baud=9600');
    expect(normalizePrinterUri('/dev/usb/lp0')).toBe('usb:/dev/usb/lp0');
    expect(normalizePrinterUri('tcp://10.0.0.21')).toBe('tcp://10.0.0.21:9100');
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

  it('never names an arbitrary file, a disk or a terminal as a printer', () => {
    for (const bad of [
      '/etc/passwd',
      'usb:/etc/passwd',
      'usb:/dev/usb/../../etc/shadow',
      'usb:/dev/usb/lp0/../../../etc/passwd',
      'usb:/dev/sda',
      'usb:/dev/usb/lp0x',
      'usb:/tmp/lp0',
      'serial:/etc/passwd',
      'serial:/dev/tty',
      'serial:/dev/tty1',
      'serial:/dev/ttyUSB0/../../sda',
      'serial:/home/giliran/.ssh/id_rsa',
      'serial:/dev/ttyUSB0?baud=9600&path=/etc/passwd',
      '/dev/sda1',
      '/dev/mem',
      'file:///etc/passwd',
      'tcp://user:pw@10.0.0.5:9100',
      'tcp://10.0.0.5:9100/../etc',
      'tcp://10.0.0.5:9100?x=1',
      'tcp://10.0.0.5:0',
      'tcp://%2e%2e:9100',
      '\\\\server\\printer',
      `tcp://${'a'.repeat(300)}:9100`,
    ]) {
      expect(() => parsePrinterUri(bad), bad).toThrow(PrinterUriError);
    }
  });
});
