import { describe, expect, it } from 'vitest';
import { EscPosDecoder, receiptToText } from './decoder.ts';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('EscPosDecoder', () => {
  it('decodes styles, code pages, barcodes and cuts', () => {
    const d = new EscPosDecoder();
    const events = d.push(
      bytes(
        [0x1b, 0x40],
        [0x1b, 0x74, 19],
        [0x1b, 0x61, 1, 0x1b, 0x45, 1, 0x1d, 0x21, 0x11],
        'Caf',
        [0x82], // é in cp858
        '\n',
        [0x1b, 0x61, 2, 0x1b, 0x45, 0, 0x1d, 0x21, 0x00],
        'kanan\r\n',
        [0x1d, 0x6b, 73, 6],
        '{BA012',
        [0x1d, 0x6b, 73, 4, 0x7b, 0x43, 12, 34],
        [0x1d, 0x56, 66, 3],
      ),
    );
    expect(events).toEqual([
      {
        type: 'receipt',
        receipt: {
          lines: [
            { text: 'Café', bold: true, size: { width: 2, height: 2 }, align: 'center' },
            { text: 'kanan', bold: false, size: { width: 1, height: 1 }, align: 'right' },
          ],
          qrCodes: [],
          barcodes: ['A012', '1234'],
          cuts: 1,
          images: 0,
          unknownCommands: [],
        },
      },
    ]);
  });

  it('reports status requests in order without printing them', () => {
    const d = new EscPosDecoder();
    const events = d.push(bytes([0x10, 0x04, 1], 'x', [0x10, 0x04, 4]));
    expect(events).toEqual([
      { type: 'status-request', n: 1 },
      { type: 'status-request', n: 4 },
    ]);
    expect(d.printBytes).toBe(1);
    expect(d.end()?.lines.map((l) => l.text)).toEqual(['x']);
  });

  it('discards print data while canPrint says no, and ends a partial receipt at close', () => {
    const d = new EscPosDecoder({ canPrint: (n) => n <= 6 });
    d.push(bytes('ab\ncd\nef\n', [0x1d, 0x56, 0]));
    const partial = d.end();
    expect(partial?.lines.map((l) => l.text)).toEqual(['ab', 'cd']);
    expect(partial?.cuts).toBe(0);
  });

  it('records unknown commands instead of printing them as text', () => {
    const d = new EscPosDecoder();
    d.push(bytes([0x1b, 0x7e], 'ok\n'));
    const r = d.end();
    expect(r?.unknownCommands).toEqual(['1b 7e']);
    expect(r?.lines[0]?.text).toBe('ok');
  });

  it('writes the text file format', () => {
    expect(
      receiptToText({
        lines: [{ text: 'A012', bold: true, size: { width: 4, height: 4 }, align: 'center' }],
        qrCodes: ['https://x/t/1'],
        barcodes: [],
        cuts: 1,
        images: 0,
        unknownCommands: [],
      }),
    ).toBe('A012\nQR: https://x/t/1\nCUT\n');
  });
});
