import { describe, expect, it } from 'vitest';
import type { TicketPrintData } from '@giliran/shared';
import { sampleTicket } from '../test-support/fixtures.ts';
import { EscPosDecoder } from '../virtual-printer/decoder.ts';
import type { Receipt } from '../virtual-printer/decoder.ts';
import { encodeTicket } from './encode.ts';
import { layoutTicket } from './layout.ts';

function roundTrip(data: TicketPrintData, width: 58 | 80): Receipt {
  const events = new EscPosDecoder().push(encodeTicket(data, { width }));
  const receipts = events.flatMap((e) => (e.type === 'receipt' ? [e.receipt] : []));
  expect(receipts).toHaveLength(1);
  return receipts[0] as Receipt;
}

describe('encodeTicket → decoder round trip', () => {
  for (const width of [58, 80] as const) {
    for (const lang of ['id', 'en'] as const) {
      it(`${width} mm, ${lang}: every laid-out line comes back with its style`, () => {
        const data = sampleTicket({
          lang,
          reprint: true,
          note: { id: 'Datang terlambat', en: 'Arrived late' },
        });
        const layout = layoutTicket(data, { width });
        const receipt = roundTrip(data, width);
        const expected = layout.blocks.flatMap((b) =>
          b.kind === 'text' ? [{ text: b.text.trimEnd(), bold: b.bold, size: b.size, align: b.align }] : [],
        );
        const printed = receipt.lines.filter((l) => l.text !== '');
        expect(printed).toEqual(expected.filter((l) => l.text !== ''));
        expect(receipt.qrCodes).toEqual([data.trackingUrl]);
        expect(receipt.cuts).toBe(1);
        expect(receipt.unknownCommands).toEqual([]);
      });
    }
  }

  it('accents survive in cp858 and are transliterated predictably otherwise', () => {
    const data = sampleTicket({
      checklist: [
        { id: 'Pengajuan é à ü', en: '' },
        { id: 'Surat dari Łódź – Şahin', en: '' },
      ],
    });
    const text = roundTrip(data, 80).lines.map((l) => l.text);
    expect(text).toContain('- Pengajuan é à ü');
    expect(text).toContain('- Surat dari Lódz - Sahin');
    const win = new EscPosDecoder().push(encodeTicket(data, { width: 58, codepage: 'windows1252' }));
    const lines = win.flatMap((e) => (e.type === 'receipt' ? e.receipt.lines.map((l) => l.text) : []));
    expect(lines).toContain('- Pengajuan é à ü');
  });

  it('sends a real GS ( k QR code with the tracking URL and selects cp858 with ESC t 19', () => {
    const bytes = encodeTicket(sampleTicket(), { width: 80 });
    const hex = Buffer.from(bytes).toString('hex');
    const url = Buffer.from('https://antre.imigrasi.example.id/t/7f3k9q2mxa').toString('hex');
    expect(hex).toContain('1d286b'); // GS ( k
    expect(hex).toContain('315030' + url); // fn 80 (store) m=0x30 + data
    expect(hex).toContain('1d286b0300315130'); // fn 81 (print)
    expect(hex).toContain('1b7413'); // ESC t 19
    expect(hex.startsWith('1b40')).toBe(true); // ESC @
  });

  it('decodes the same when the bytes arrive split at every position', () => {
    const bytes = encodeTicket(sampleTicket(), { width: 58 });
    const whole = roundTrip(sampleTicket(), 58);
    const decoder = new EscPosDecoder();
    const events = [];
    for (let k = 0; k < bytes.length; k += 7) events.push(...decoder.push(bytes.slice(k, k + 7)));
    expect(events).toEqual([{ type: 'receipt', receipt: whole }]);
  });
});
