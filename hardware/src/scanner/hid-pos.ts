/**
 * HID POS barcode scanners (USB HID usage page 0x8C, "Bar Code Scanner").
 *
 * Assumed input report layout — the "Scanned Data Report" as Honeywell, Zebra and Datalogic
 * implement it, and as node-hid delivers it on Linux (report id included):
 *
 *   byte 0            report id, 0x02
 *   byte 1            number of data bytes in this report (len)
 *   bytes 2..2+len    decoded data (the rest of the data area is zero padding)
 *   next 1–3 bytes    symbology identifiers (vendor code id / AIM id), when the report has room
 *   last byte         bit 0 = "more data": the code continues in the next report
 *
 * The parser is tolerant: a length larger than the report is clamped, trailing NULs are dropped,
 * a report without the id byte (devices with a single report) is accepted when its length byte
 * fits, and anything else is ignored rather than thrown. The AIM symbology prefix
 * (`]` + code letter + modifier, e.g. `]Q1` QR, `]C0` Code 128, `]E0` EAN-13) that scanners can
 * be set to send is stripped from the assembled code and reported separately.
 */

export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 0x02;

export interface HidPosChunk {
  data: Uint8Array;
  /** True when the code continues in the next report. */
  moreData: boolean;
}

export interface HidScan {
  /** The scanned text without any AIM prefix. */
  data: string;
  /** AIM symbology identifier if the scanner sent one, e.g. `]Q1`. */
  aimId: string | null;
}

/** Parses one input report; null when it is not a scanned-data report. */
export function parseHidPosReport(report: Uint8Array): HidPosChunk | null {
  if (report.length < 3) return null;
  let start: number;
  if (report[0] === SCANNED_DATA_REPORT_ID) start = 1;
  else if ((report[0] ?? 0) <= report.length - 2)
    start = 0; // no report id byte
  else return null;
  const declared = report[start] ?? 0;
  const dataStart = start + 1;
  // The last byte is the flag; data can never run into it.
  const available = Math.max(0, report.length - 1 - dataStart);
  const len = Math.min(declared, available);
  let data = report.slice(dataStart, dataStart + len);
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  data = data.slice(0, end);
  const moreData = ((report[report.length - 1] ?? 0) & 0x01) === 1 && declared > 0;
  return { data, moreData };
}

const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

export function stripAimPrefix(text: string): HidScan {
  const m = AIM_PREFIX.exec(text);
  return m ? { data: text.slice(m[0].length), aimId: m[0] } : { data: text, aimId: null };
}

/**
 * Joins chunked reports into whole scans. Time comes in as a parameter: a sequence that stalls
 * longer than `stallMs` (scanner unplugged mid-code) is dropped rather than glued to the next scan.
 */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private lastMs = 0;

  constructor(private readonly stallMs = 500) {}

  /** Feeds one report; returns the scan it completes, or null. */
  push(report: Uint8Array, nowMs: number): HidScan | null {
    const chunk = parseHidPosReport(report);
    if (!chunk) return null;
    if (this.parts.length > 0 && nowMs - this.lastMs > this.stallMs) this.parts = [];
    this.lastMs = nowMs;
    this.parts.push(chunk.data);
    if (chunk.moreData) return null;
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const all = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    this.parts = [];
    if (total === 0) return null;
    // QR codes on our tickets are URLs; UTF-8 decoding also covers plain ASCII barcodes.
    const scan = stripAimPrefix(
      new TextDecoder('utf-8', { fatal: false }).decode(all).replace(/[\r\n]+$/, ''),
    );
    return scan.data.length > 0 ? scan : null;
  }
}
