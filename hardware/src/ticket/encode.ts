import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PaperWidth, TicketPrintData } from '@giliran/shared';
import { ESC_T_NUMBERS } from '../text/codepages.ts';
import type { PrintCodepage } from '../text/codepages.ts';
import { layoutTicket } from './layout.ts';
import type { Align, TicketLayout } from './layout.ts';

export interface EncodeOptions {
  width: PaperWidth;
  codepage?: PrintCodepage;
}

const ESC = 0x1b;
const ALIGN_BYTE: Readonly<Record<Align, number>> = { left: 0, center: 1, right: 2 };

/** Lays out and encodes a ticket to ESC/POS bytes, ready for any transport. */
export function encodeTicket(data: TicketPrintData, options: EncodeOptions): Uint8Array {
  return encodeLayout(layoutTicket(data, options));
}

/** Encodes an already laid-out ticket (used by tests and the benchmark to time the two halves). */
export function encodeLayout(layout: TicketLayout): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: layout.columns,
    // Our own ESC t table, so the bytes do not depend on the library's per-model guesses.
    codepageMapping: { ...ESC_T_NUMBERS },
    // The cutter sits a few lines above the print head: feed the last line past it before cutting.
    feedBeforeCut: 4,
    newline: '\n',
  });
  encoder.initialize().codepage(layout.codepage);
  for (const block of layout.blocks) {
    switch (block.kind) {
      case 'text':
        // Alignment is left to the printer (ESC a) rather than padded with spaces by the encoder:
        // the printer centres magnified text exactly, and the decoder can read the intent back.
        encoder
          .raw([ESC, 0x61, ALIGN_BYTE[block.align]])
          .bold(block.bold)
          .size(block.size.width, block.size.height)
          .line(block.text);
        break;
      case 'qr':
        encoder
          .align('center')
          .qrcode(block.payload, { model: 2, size: block.moduleSize, errorlevel: 'm' })
          .align('left');
        break;
      case 'feed':
        encoder.newline(block.lines);
        break;
      case 'cut':
        encoder.cut('partial');
        break;
    }
  }
  return encoder.encode();
}
