import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualPrinter, encodeTicket, printTicket, queryPrinterStatus } from '@giliran/hardware';
import type { VirtualPrinter } from '@giliran/hardware';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { ticketData } from '../support/virtual-printer-ticket.ts';

// Every way a kiosk printer fails. printTicket must return a reason, never throw, never hang.
const ticket = encodeTicket(ticketData(), { width: 80 });
const fast = { settleMs: 10 };

async function timed<T>(work: Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work;
  return [value, performance.now() - start];
}

describe('printer faults', () => {
  let printer: VirtualPrinter;
  beforeEach(async () => {
    printer = await createVirtualPrinter({ port: 0 });
  });
  afterEach(async () => {
    await printer.close();
  });

  it('paper out before printing: nothing is sent, result paper_out', async () => {
    printer.setFaults({ paperOut: true });
    const result = await printTicket(printer.uri, ticket, fast);
    expect(result).toMatchObject({ ok: false, reason: 'paper_out' });
    expect(printer.stats.printBytes).toBe(0);
    expect(printer.stats.statusRequests).toBe(4);
    expect(printer.receipts).toHaveLength(0);
    expect(await queryPrinterStatus(printer.uri)).toMatchObject({
      ok: true,
      status: { online: false, paperOut: true },
    });
  });

  it('cover open or offline before printing: nothing is sent', async () => {
    printer.setFaults({ coverOpen: true });
    expect(await printTicket(printer.uri, ticket, fast)).toMatchObject({ ok: false, reason: 'cover_open' });
    printer.setFaults({ offline: true });
    expect(await printTicket(printer.uri, ticket, fast)).toMatchObject({ ok: false, reason: 'offline' });
    printer.setFaults({ error: true });
    expect(await printTicket(printer.uri, ticket, fast)).toMatchObject({ ok: false, reason: 'error' });
    expect(printer.stats.printBytes).toBe(0);
  });

  it('prints again once staff fix the printer (faults change at run time)', async () => {
    printer.setFaults({ paperOut: true });
    expect((await printTicket(printer.uri, ticket, fast)).ok).toBe(false);
    printer.setFaults({});
    expect(await printTicket(printer.uri, ticket, fast)).toMatchObject({ ok: true });
    expect((await printer.waitForReceipt(2000)).qrCodes).toHaveLength(1);
  });

  it('cover opened mid-print: detected by the after-status, the receipt is cut short', async () => {
    printer.setFaults({ coverOpensAfterBytes: 300 });
    const result = await printTicket(printer.uri, ticket, fast);
    expect(result).toMatchObject({ ok: false, reason: 'cover_open' });
    expect(result.ok === false && result.detail).toContain('during printing');
    const partial = await printer.waitForReceipt(2000);
    expect(partial.cuts).toBe(0);
    expect(partial.qrCodes).toEqual([]);
    expect(partial.lines.some((l) => l.text.includes('Kantor Imigrasi'))).toBe(true);
    expect(printer.stats.printBytes).toBe(ticket.length);
  });

  it('printer unreachable (closed port): unreachable, quickly', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));

    const [result, ms] = await timed(printTicket(`tcp://127.0.0.1:${port}`, ticket, fast));
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(ms).toBeLessThan(1500);
    expect(await queryPrinterStatus(`tcp://127.0.0.1:${port}`)).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
  });

  it('slow printer within the deadline still prints', async () => {
    printer.setFaults({ slowMs: 60 });
    const [result, ms] = await timed(printTicket(printer.uri, ticket, fast));
    expect(result).toMatchObject({ ok: true });
    expect(ms).toBeGreaterThanOrEqual(8 * 60);
    expect((await printer.waitForReceipt(2000)).cuts).toBe(1);
  });

  it('slow printer past the deadline: timeout at the deadline, not later', async () => {
    printer.setFaults({ slowMs: 400 });
    const [result, ms] = await timed(
      printTicket(printer.uri, ticket, { ...fast, deadlineMs: 700, statusTimeoutMs: 2000 }),
    );
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.ok === false && result.detail).toContain('checking status');
    expect(ms).toBeGreaterThanOrEqual(650);
    expect(ms).toBeLessThan(1200);
    expect(printer.stats.printBytes).toBe(0);
  });

  it('a printer that never answers status: per-query timeout', async () => {
    printer.setFaults({ slowMs: 5000 });
    const [result, ms] = await timed(printTicket(printer.uri, ticket, { ...fast, statusTimeoutMs: 150 }));
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(ms).toBeLessThan(1000);
  });

  it('connection dropped: one reconnect, then unreachable, nothing printed', async () => {
    printer.setFaults({ dropConnection: true });
    const [result, ms] = await timed(printTicket(printer.uri, ticket, fast));
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(printer.stats.droppedConnections).toBe(2);
    expect(printer.receipts).toHaveLength(0);
    expect(ms).toBeLessThan(2000);
  });
});

describe('USB (usblp) transport', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('usb');
  });
  afterEach(() => {
    removeTempDir(dir);
  });

  // A regular file stands in for /dev/usb/lp0: writes land in it and reads never answer. It is passed
  // parsed, as a configuration string may only name a real usblp device (/dev/usb/lpN).
  it('sends the ticket bytes blind when status is off, times out when status is required', async () => {
    const device = path.join(dir, 'lp0');
    await writeFile(device, '');
    expect(await printTicket({ kind: 'usb', path: device }, ticket, { checkStatus: false })).toMatchObject({
      ok: true,
    });
    expect((await readFile(device)).subarray(-ticket.length)).toEqual(Buffer.from(ticket));

    const silent = path.join(dir, 'lp1');
    await writeFile(silent, '');
    const [result, ms] = await timed(
      printTicket({ kind: 'usb', path: silent }, ticket, { statusTimeoutMs: 100 }),
    );
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(ms).toBeLessThan(1000);
  });

  it('a missing device is unreachable with a hint', async () => {
    const result = await printTicket({ kind: 'usb', path: path.join(dir, 'lp9') }, ticket);
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(result.ok === false && result.detail).toContain('plugged in');
  });

  it('a bad configuration string is an error result, not a throw', async () => {
    expect(await printTicket('lpt://1', ticket)).toMatchObject({ ok: false, reason: 'error' });
  });
});
