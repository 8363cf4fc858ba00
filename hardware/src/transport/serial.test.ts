import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterIoError } from '../errors.ts';
import { openSerialTransport } from './serial.ts';

// The mock binding's types do not resolve under "Bundler" resolution; these are the parts we use.
interface MockBindingLike {
  createPort(path: string, options: { echo: boolean; record: boolean }): void;
  reset(): void;
}
interface MockPortLike {
  recording: Buffer;
  emitData(data: Buffer): void;
}
const binding = SerialPortMock.binding as unknown as MockBindingLike;
const mockPort = (port: SerialPortMock | undefined): MockPortLike | undefined => {
  const inner: unknown = port?.port;
  return inner as MockPortLike | undefined;
};

// serialport's own mock binding stands in for the UART (the test machine has no printer). It is
// reached through SerialPortMock so it is the same module instance serialport uses.
describe('serial transport', () => {
  afterEach(() => binding.reset());

  it('writes, reads a status byte and times out when nothing answers', async () => {
    binding.createPort('/dev/ttyGILIRAN', { echo: false, record: true });
    let mock: SerialPortMock | undefined;
    const transport = await openSerialTransport('/dev/ttyGILIRAN', 19200, {
      factory: (o) => (mock = new SerialPortMock(o)),
    });
    expect(transport.description).toBe('serial:/dev/ttyGILIRAN?baud=19200');
    await transport.write(Uint8Array.of(0x10, 0x04, 0x01), 500);
    expect([...(mockPort(mock)?.recording ?? [])]).toEqual([0x10, 0x04, 0x01]);
    mockPort(mock)?.emitData(Buffer.from([0x12]));
    expect([...(await transport.read(1, 500))]).toEqual([0x12]);
    await expect(transport.read(1, 30)).rejects.toBeInstanceOf(PrinterIoError);
    await transport.close();
  });

  it('fails to open a port that does not exist', async () => {
    await expect(
      openSerialTransport('/dev/ttyNOPE', 9600, { factory: (o) => new SerialPortMock(o) }),
    ).rejects.toMatchObject({ reason: 'unreachable' });
  });
});
