import { codepageForEscT, codepageTable } from '../text/codepages.ts';
import type { PrintCodepage } from '../text/codepages.ts';
import type { Align, TextSize } from '../ticket/layout.ts';

/** One printed line as the virtual printer understood it. Style is taken at its first visible char. */
export interface ReceiptLine {
  text: string;
  bold: boolean;
  size: TextSize;
  align: Align;
}

/** What came out of the virtual printer between two cuts. */
export interface Receipt {
  lines: ReceiptLine[];
  qrCodes: string[];
  barcodes: string[];
  /** 1 when the receipt ended with a cut, 0 when it ended because the connection closed. */
  cuts: number;
  /** Raster/bit images seen (counted, not rendered). */
  images: number;
  /** Commands the decoder did not know, as hex, so tests can insist on none. */
  unknownCommands: string[];
}

export type DecoderEvent = { type: 'status-request'; n: number } | { type: 'receipt'; receipt: Receipt };

export interface DecoderOptions {
  /**
   * Asked before anything is put on paper, with the number of print-data bytes received so far.
   * Returning false discards it, as a printer that is out of paper or has its cover open would.
   */
  canPrint?: (printBytesSoFar: number) => boolean;
}

interface Style {
  bold: boolean;
  size: TextSize;
  align: Align;
  codepage: PrintCodepage;
}

const INITIAL_STYLE: Style = { bold: false, size: { width: 1, height: 1 }, align: 'left', codepage: 'cp437' };

const NEED_MORE = -1;

/**
 * A streaming decoder for the ESC/POS subset our encoder emits (plus the common commands around
 * it, consumed so they do not corrupt the text). Bytes may arrive split anywhere.
 */
export class EscPosDecoder {
  /** Bytes of print data (everything but real-time status requests) received so far. */
  printBytes = 0;
  private pending = new Uint8Array(0);
  private style: Style = { ...INITIAL_STYLE };
  private line: { text: string; style: Style | null } = { text: '', style: null };
  private receipt: Receipt = emptyReceipt();
  private qrStore = '';
  private readonly canPrint: (printBytesSoFar: number) => boolean;

  constructor(options: DecoderOptions = {}) {
    this.canPrint = options.canPrint ?? (() => true);
  }

  push(chunk: Uint8Array): DecoderEvent[] {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending, 0);
    buf.set(chunk, this.pending.length);
    const events: DecoderEvent[] = [];
    let i = 0;
    while (i < buf.length) {
      const used = this.step(buf, i, events);
      if (used === NEED_MORE) break;
      i += used;
    }
    this.pending = buf.slice(i);
    return events;
  }

  /** Ends the stream (connection closed): whatever was printed since the last cut is a receipt. */
  end(): Receipt | null {
    if (this.line.text.length > 0) this.endLine(false);
    this.trimTrailingBlankLines();
    const r = this.receipt;
    this.receipt = emptyReceipt();
    this.pending = new Uint8Array(0);
    return hasContent(r) ? r : null;
  }

  /** Decodes one command or character at `i`; returns bytes used or NEED_MORE. */
  private step(buf: Uint8Array, i: number, events: DecoderEvent[]): number {
    const b = at(buf, i);
    const need = (n: number): boolean => i + n <= buf.length;

    if (b === 0x10) {
      // DLE: real-time commands, answered by the host side, never printed.
      if (!need(2)) return NEED_MORE;
      const fn = at(buf, i + 1);
      if (fn === 0x04 || fn === 0x05) {
        if (!need(3)) return NEED_MORE;
        if (fn === 0x04) events.push({ type: 'status-request', n: at(buf, i + 2) });
        return 3;
      }
      if (fn === 0x14) {
        if (!need(5)) return NEED_MORE;
        return 5;
      }
      return this.print(this.unknown(buf, i, 2), () => undefined);
    }

    if (b === 0x0a || b === 0x0c) return this.print(1, () => this.endLine(false));
    if (b === 0x0d) return this.print(1, () => undefined);
    if (b === 0x09) return this.print(1, () => this.appendText(' '.repeat(8 - (this.line.text.length % 8))));
    if (b === 0x1b) return this.esc(buf, i);
    if (b === 0x1d) return this.gs(buf, i, events);
    if (b === 0x1c) {
      if (!need(2)) return NEED_MORE;
      const fn = at(buf, i + 1);
      if (fn === 0x2e || fn === 0x26) return this.print(2, () => undefined); // Kanji mode off/on
      if (fn === 0x43 || fn === 0x21 || fn === 0x2d) {
        if (!need(3)) return NEED_MORE;
        return this.print(3, () => undefined);
      }
      return this.print(this.unknown(buf, i, 2), () => undefined);
    }
    if (b < 0x20 || b === 0x7f) return this.print(1, () => undefined);

    // Printable run: decode as many text bytes as are here in one go.
    let j = i;
    while (j < buf.length && at(buf, j) >= 0x20 && at(buf, j) !== 0x7f) j++;
    const table = codepageTable(this.style.codepage);
    let text = '';
    for (let k = i; k < j; k++) {
      const byte = at(buf, k);
      text += byte < 0x80 ? String.fromCharCode(byte) : String.fromCodePoint(table[byte] || 0xfffd);
    }
    return this.print(j - i, () => this.appendText(text));
  }

  private esc(buf: Uint8Array, i: number): number {
    if (i + 2 > buf.length) return NEED_MORE;
    const fn = at(buf, i + 1);
    const arg = (): number => at(buf, i + 2);
    const two = i + 3 <= buf.length;
    switch (fn) {
      case 0x40: // ESC @ initialise
        return this.print(2, () => {
          if (this.line.text.length > 0) this.endLine(false);
          this.style = { ...INITIAL_STYLE, size: { ...INITIAL_STYLE.size } };
        });
      case 0x61: // ESC a alignment
        if (!two) return NEED_MORE;
        return this.print(3, () => {
          this.style.align = (['left', 'center', 'right'] as const)[arg() % 48] ?? 'left';
        });
      case 0x45: // ESC E emphasis
      case 0x47: // ESC G double strike: looks bold on paper
        if (!two) return NEED_MORE;
        return this.print(3, () => {
          this.style.bold = (arg() & 1) === 1;
        });
      case 0x21: // ESC ! print mode: bold, double height, double width
        if (!two) return NEED_MORE;
        return this.print(3, () => {
          this.style.bold = (arg() & 0x08) !== 0;
          this.style.size = { width: arg() & 0x20 ? 2 : 1, height: arg() & 0x10 ? 2 : 1 };
        });
      case 0x74: // ESC t code page
        if (!two) return NEED_MORE;
        return this.print(3, () => {
          const cp = codepageForEscT(arg());
          if (cp) this.style.codepage = cp;
          else this.receipt.unknownCommands.push(`ESC t ${arg()}`);
        });
      case 0x64: // ESC d n: print and feed n lines
        if (!two) return NEED_MORE;
        return this.print(3, () => {
          this.endLine(false);
          for (let k = 1; k < arg(); k++) this.endLine(true);
        });
      case 0x2d: // underline, font, line spacing, feed, intl set, upside down, colour, …
      case 0x4d:
      case 0x33:
      case 0x4a:
      case 0x52:
      case 0x7b:
      case 0x72:
      case 0x20:
      case 0x34:
      case 0x56:
        if (!two) return NEED_MORE;
        return this.print(3, () => undefined);
      case 0x32: // ESC 2 default line spacing
      case 0x53: // standard mode
        return this.print(2, () => undefined);
      case 0x70: // ESC p m t1 t2 drawer pulse
        if (i + 5 > buf.length) return NEED_MORE;
        return this.print(5, () => undefined);
      case 0x63: // ESC c 3/4/5 n panel and sensor settings
        if (i + 4 > buf.length) return NEED_MORE;
        return this.print(4, () => undefined);
      case 0x2a: {
        // ESC * m nL nH d…: bit image, 1 or 3 bytes per column.
        if (i + 5 > buf.length) return NEED_MORE;
        const cols = at(buf, i + 3) + at(buf, i + 4) * 256;
        const len = 5 + cols * (at(buf, i + 2) >= 32 ? 3 : 1);
        if (i + len > buf.length) return NEED_MORE;
        return this.print(len, () => {
          this.receipt.images++;
        });
      }
      default:
        return this.print(this.unknown(buf, i, 2), () => undefined);
    }
  }

  private gs(buf: Uint8Array, i: number, events: DecoderEvent[]): number {
    if (i + 2 > buf.length) return NEED_MORE;
    const fn = at(buf, i + 1);
    const two = i + 3 <= buf.length;
    switch (fn) {
      case 0x21: // GS ! character size
        if (!two) return NEED_MORE;
        return this.print(3, () => {
          const n = at(buf, i + 2);
          this.style.size = { width: (n >> 4) + 1, height: (n & 0x0f) + 1 };
        });
      case 0x56: {
        // GS V m [n] cut; m 65/66/97/98/103/104 take a feed amount.
        if (!two) return NEED_MORE;
        const m = at(buf, i + 2);
        const len = [65, 66, 97, 98, 103, 104].includes(m) ? 4 : 3;
        if (i + len > buf.length) return NEED_MORE;
        return this.print(len, () => this.cut(events));
      }
      case 0x6b: {
        // GS k m …: barcode. m 0–6 NUL-terminated, m 65+ length-prefixed.
        if (!two) return NEED_MORE;
        const m = at(buf, i + 2);
        if (m <= 6) {
          const end = buf.indexOf(0, i + 3);
          if (end < 0) return NEED_MORE;
          return this.print(end + 1 - i, () => this.barcode(m, buf.slice(i + 3, end)));
        }
        if (i + 4 > buf.length) return NEED_MORE;
        const len = 4 + at(buf, i + 3);
        if (i + len > buf.length) return NEED_MORE;
        return this.print(len, () => this.barcode(m, buf.slice(i + 4, i + len)));
      }
      case 0x28: {
        // GS ( x pL pH …: QR/PDF417 (k) and other length-prefixed functions.
        if (i + 5 > buf.length) return NEED_MORE;
        const len = 5 + at(buf, i + 3) + at(buf, i + 4) * 256;
        if (i + len > buf.length) return NEED_MORE;
        const body = buf.slice(i + 5, i + len);
        if (at(buf, i + 2) !== 0x6b) return this.print(len, () => undefined);
        return this.print(len, () => this.symbol(body));
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d…: raster image.
        if (i + 8 > buf.length) return NEED_MORE;
        const len = 8 + (at(buf, i + 4) + at(buf, i + 5) * 256) * (at(buf, i + 6) + at(buf, i + 7) * 256);
        if (i + len > buf.length) return NEED_MORE;
        return this.print(len, () => {
          this.receipt.images++;
        });
      }
      case 0x42: // reverse, barcode height/width/HRI position/font, GS r status
      case 0x68:
      case 0x77:
      case 0x48:
      case 0x66:
      case 0x72:
      case 0x61:
        if (!two) return NEED_MORE;
        return this.print(3, () => undefined);
      case 0x4c: // left margin, print area width
      case 0x57:
        if (i + 4 > buf.length) return NEED_MORE;
        return this.print(4, () => undefined);
      default:
        return this.print(this.unknown(buf, i, 2), () => undefined);
    }
  }

  /** Applies a print-data command unless the printer is not printing right now. */
  private print(length: number, effect: () => void): number {
    this.printBytes += length;
    if (this.canPrint(this.printBytes)) effect();
    return length;
  }

  private unknown(buf: Uint8Array, i: number, length: number): number {
    this.receipt.unknownCommands.push(
      Array.from(buf.slice(i, i + length), (x) => x.toString(16).padStart(2, '0')).join(' '),
    );
    return length;
  }

  private appendText(text: string): void {
    if (this.line.style === null && text.trim().length > 0) {
      this.line.style = { ...this.style, size: { ...this.style.size } };
    }
    this.line.text += text;
  }

  private endLine(blank: boolean): void {
    const { text, style } = this.line;
    const s = style ?? this.style;
    this.receipt.lines.push({
      text: blank ? '' : text.trimEnd(),
      bold: s.bold,
      size: { ...s.size },
      align: s.align,
    });
    this.line = { text: '', style: null };
  }

  private cut(events: DecoderEvent[]): void {
    if (this.line.text.length > 0) this.endLine(false);
    this.trimTrailingBlankLines();
    this.receipt.cuts = 1;
    events.push({ type: 'receipt', receipt: this.receipt });
    this.receipt = emptyReceipt();
  }

  /** Feed lines before a cut or the end are paper, not content. */
  private trimTrailingBlankLines(): void {
    while (this.receipt.lines.length > 0 && this.receipt.lines[this.receipt.lines.length - 1]?.text === '') {
      this.receipt.lines.pop();
    }
  }

  private symbol(body: Uint8Array): void {
    const cn = at(body, 0);
    const fn = at(body, 1);
    if (cn === 0x31 && fn === 0x50) {
      // QR store: cn fn m d… (m = 0x30)
      this.qrStore = new TextDecoder().decode(body.slice(3));
    } else if (cn === 0x31 && fn === 0x51) {
      if (this.line.text.length > 0) this.endLine(false);
      this.receipt.qrCodes.push(this.qrStore);
    } else if (cn === 0x30 && fn === 0x51) {
      this.receipt.barcodes.push('PDF417');
    }
  }

  private barcode(m: number, data: Uint8Array): void {
    if (this.line.text.length > 0) this.endLine(false);
    this.receipt.barcodes.push(m === 73 ? decodeCode128(data) : String.fromCharCode(...data));
  }
}

/** CODE128 data carries code-set switches (`{A`, `{B`, `{C`); code C packs two digits per byte. */
function decodeCode128(data: Uint8Array): string {
  let out = '';
  let set = 'B';
  for (let k = 0; k < data.length; k++) {
    const byte = at(data, k);
    if (byte === 0x7b && k + 1 < data.length) {
      const next = String.fromCharCode(at(data, k + 1));
      k++;
      if (next === '{') out += '{';
      else if ('ABC'.includes(next)) set = next;
      continue;
    }
    out += set === 'C' ? String(byte).padStart(2, '0') : String.fromCharCode(byte);
  }
  return out;
}

function at(buf: Uint8Array, i: number): number {
  return buf[i] ?? 0;
}

function emptyReceipt(): Receipt {
  return { lines: [], qrCodes: [], barcodes: [], cuts: 0, images: 0, unknownCommands: [] };
}

function hasContent(r: Receipt): boolean {
  return r.lines.some((l) => l.text.length > 0) || r.qrCodes.length > 0 || r.barcodes.length > 0;
}

/** The text form written to `outDir`: the lines, then `QR: …` per QR code and `CUT` per cut. */
export function receiptToText(receipt: Receipt): string {
  const out = receipt.lines.map((l) => l.text);
  for (const qr of receipt.qrCodes) out.push(`QR: ${qr}`);
  for (const bc of receipt.barcodes) out.push(`BARCODE: ${bc}`);
  for (let k = 0; k < receipt.cuts; k++) out.push('CUT');
  return out.join('\n') + '\n';
}
