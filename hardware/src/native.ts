import type * as NodeHid from 'node-hid';
import type * as SerialPortModule from 'serialport';
import { HardwareUnavailableError, errorMessage } from './errors.ts';

export type NodeHidModule = typeof NodeHid;
export type SerialPortLib = typeof SerialPortModule;

let hid: Promise<NodeHidModule> | undefined;
let serial: Promise<SerialPortLib> | undefined;

/**
 * node-hid is loaded on first use, not at import: a server without scanners must not need
 * libusb, and when the native library is missing the technician gets a sentence, not a dlopen trace.
 */
export function loadNodeHid(): Promise<NodeHidModule> {
  hid ??= import('node-hid').then(
    (mod: NodeHidModule & { default?: NodeHidModule }) => mod.default ?? mod,
    (error: unknown) => {
      hid = undefined;
      throw new HardwareUnavailableError(
        `The HID scanner driver (node-hid) could not be loaded: ${errorMessage(error)}. ` +
          'On Debian/Ubuntu install its libraries with `sudo apt-get install libusb-1.0-0 libudev1`, ' +
          'then restart Giliran.',
        ['libusb-1.0-0', 'libudev1'],
        { cause: error },
      );
    },
  );
  return hid;
}

export function loadSerialPort(): Promise<SerialPortLib> {
  serial ??= import('serialport').then(
    (mod: SerialPortLib) => mod,
    (error: unknown) => {
      serial = undefined;
      throw new HardwareUnavailableError(
        `The serial port driver (serialport) could not be loaded: ${errorMessage(error)}. ` +
          'On Debian/Ubuntu install `sudo apt-get install libudev1` and reinstall Giliran’s dependencies.',
        ['libudev1'],
        { cause: error },
      );
    },
  );
  return serial;
}
