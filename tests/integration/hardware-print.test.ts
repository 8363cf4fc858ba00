import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualPrinter, encodeTicket, printTicket, queryPrinterStatus } from '@giliran/hardware';
import type { VirtualPrinter } from '@giliran/hardware';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';
import { lineTexts, ticketData } from '../support/virtual-printer-ticket.ts';

// Real TCP on 127.0.0.1 to the virtual printer: encoder, transport, status and decoder end to end.
const fast = { settleMs: 10 };

describe('printing a ticket to the virtual printer', () => {
  let printer: VirtualPrinter;
  let outDir: string;

  beforeEach(async () => {
    // A folder the printer makes itself, as the demo's <data>/receipts.
    outDir = path.join(makeTempDir('receipts'), 'receipts');
    printer = await createVirtualPrinter({ port: 0, outDir });
  });
  afterEach(async () => {
    await printer.close();
    removeTempDir(path.dirname(outDir));
  });

  it('prints an 80 mm Indonesian ticket: number, QR, checklist, cut', async () => {
    const data = ticketData();
    const result = await printTicket(printer.uri, encodeTicket(data, { width: 80 }), fast);
    expect(result).toMatchObject({ ok: true });

    const receipt = await printer.waitForReceipt(2000);
    const number = receipt.lines.find((l) => l.text === 'B047');
    expect(number).toEqual({ text: 'B047', bold: true, size: { width: 4, height: 4 }, align: 'center' });
    expect(receipt.qrCodes).toEqual(['https://antre.imigrasi.example.id/t/q8v2kd7w']);
    const text = lineTexts(receipt);
    expect(text).toContain('Dokumen yang harus disiapkan:');
    expect(text).toContain('- KTP elektronik asli');
    expect(text).toContain('- Surat keterangan hilang dari kepolisian (bila');
    expect(text).toContain('  paspor hilang)');
    expect(text).toContain('- Pengajuan é à ü');
    expect(text).toContain('Orang di depan Anda                           12');
    expect(text).toContain('Atas nama: N M*** S***');
    expect(receipt.cuts).toBe(1);
    expect(receipt.unknownCommands).toEqual([]);
    // Before and after status: four DLE EOT queries each.
    expect(printer.stats.statusRequests).toBe(8);
  });

  it('prints a 58 mm English reprint and saves it as text', async () => {
    const data = ticketData({
      lang: 'en',
      reprint: true,
      note: { id: 'Terlambat', en: 'Arrived after the booked window' },
    });
    expect(await printTicket(printer.uri, encodeTicket(data, { width: 58 }), fast)).toMatchObject({
      ok: true,
    });
    const receipt = await printer.waitForReceipt(2000);
    const text = lineTexts(receipt);
    expect(text.filter((t) => t === 'CETAK ULANG / REPRINT')).toHaveLength(2);
    expect(text).toContain('People ahead of you           12');
    expect(text).toContain('Documents to have ready:');
    expect(text).toContain('Arrived after the booked window');
    expect(receipt.lines.find((l) => l.text === 'B047')?.size).toEqual({ width: 3, height: 3 });
    expect(Math.max(...text.map((t) => t.length))).toBeLessThanOrEqual(32);

    await printer.close(); // flushes the file writes
    const files = await readdir(outDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d-]+Z-1\.txt$/);
    const saved = await readFile(path.join(outDir, files[0] ?? ''), 'utf8');
    expect(saved).toContain('B047\n');
    expect(saved).toContain('QR: https://antre.imigrasi.example.id/t/q8v2kd7w\nCUT\n');
    // A receipt carries a masked name: owner only (UU 27/2022).
    expect((await stat(outDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(outDir, files[0] ?? ''))).mode & 0o777).toBe(0o600);
  });

  it('prints tickets one after another, each its own receipt', async () => {
    for (const number of ['A001', 'A002', 'A003']) {
      const result = await printTicket(
        printer.uri,
        encodeTicket(ticketData({ number }), { width: 80 }),
        fast,
      );
      expect(result.ok).toBe(true);
    }
    const numbers = [];
    for (let k = 0; k < 3; k++) {
      const r = await printer.waitForReceipt(2000);
      numbers.push(r.lines.find((l) => l.size.width === 4)?.text);
    }
    expect(numbers).toEqual(['A001', 'A002', 'A003']);
  });

  it('reports status for the dashboard, paper near end included, and still prints', async () => {
    expect(await queryPrinterStatus(printer.uri)).toMatchObject({
      ok: true,
      status: { online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false },
    });
    printer.setFaults({ paperNearEnd: true });
    expect(await queryPrinterStatus(printer.uri)).toMatchObject({
      ok: true,
      status: { online: true, paperNearEnd: true },
    });
    expect(await printTicket(printer.uri, encodeTicket(ticketData(), { width: 80 }), fast)).toMatchObject({
      ok: true,
    });
    expect((await printer.waitForReceipt(2000)).cuts).toBe(1);
  });
});
