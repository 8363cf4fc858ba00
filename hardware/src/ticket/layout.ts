import type { PaperWidth, TicketPrintData } from '@giliran/shared';
import { DEFAULT_CODEPAGE, toPrintable } from '../text/codepages.ts';
import type { PrintCodepage } from '../text/codepages.ts';
import { wrapText } from '../text/wrap.ts';
import { LABELS, REPRINT_MARK, formatLocalDateTime, formatWait } from './labels.ts';

export type Align = 'left' | 'center' | 'right';

/** Character magnification, 1–8 each way (`GS !`). */
export interface TextSize {
  width: number;
  height: number;
}

/**
 * One printed thing. Text blocks are single, already wrapped lines that fit the roll at their
 * size, so the printer never wraps on its own and the virtual printer sees exactly these lines.
 */
export type LayoutBlock =
  | { kind: 'text'; text: string; align: Align; bold: boolean; size: TextSize }
  | { kind: 'qr'; payload: string; moduleSize: number }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export interface TicketLayout {
  width: PaperWidth;
  /** Characters per line in font A at normal size. */
  columns: number;
  codepage: PrintCodepage;
  blocks: LayoutBlock[];
}

export interface LayoutOptions {
  width: PaperWidth;
  codepage?: PrintCodepage;
}

/** Font A (12×24 dots): 384 dots on a 58 mm roll, 576 on an 80 mm roll. */
export const COLUMNS: Readonly<Record<PaperWidth, number>> = { 58: 32, 80: 48 };

const NORMAL: TextSize = { width: 1, height: 1 };

/** Lays out a ticket. Pure: the same data always gives the same paper. */
export function layoutTicket(data: TicketPrintData, options: LayoutOptions): TicketLayout {
  const { width } = options;
  const codepage = options.codepage ?? DEFAULT_CODEPAGE;
  const columns = COLUMNS[width];
  const labels = LABELS[data.lang];
  const pick = (text: { id: string; en: string }): string => text[data.lang];
  const blocks: LayoutBlock[] = [];

  const text = (
    value: string,
    style: { align?: Align; bold?: boolean; size?: TextSize; indent?: string } = {},
  ): void => {
    const size = style.size ?? NORMAL;
    const fit = Math.floor(columns / size.width);
    for (const line of wrapText(toPrintable(value, codepage), fit, style.indent ?? '')) {
      blocks.push({
        kind: 'text',
        text: line,
        align: style.align ?? 'left',
        bold: style.bold ?? false,
        size,
      });
    }
  };
  const rule = (char = '-'): void => {
    blocks.push({ kind: 'text', text: char.repeat(columns), align: 'left', bold: false, size: NORMAL });
  };
  // Label left, value right on one line when both fit, else the value on its own line, indented.
  const pair = (label: string, value: string): void => {
    const l = toPrintable(label, codepage);
    const v = toPrintable(value, codepage);
    if (l.length + 2 + v.length <= columns) {
      const gap = ' '.repeat(columns - l.length - v.length);
      blocks.push({ kind: 'text', text: l + gap + v, align: 'left', bold: false, size: NORMAL });
    } else {
      text(l);
      text(v, { align: 'right', bold: true });
    }
  };
  const reprintMark = (): void => {
    rule('*');
    text(REPRINT_MARK, { align: 'center', bold: true, size: { width: 1, height: 2 } });
    rule('*');
  };

  if (data.reprint) reprintMark();
  text(data.officeName, { align: 'center', bold: true });
  text(pick(data.serviceName), { align: 'center' });
  rule();
  text(labels.queueNumber, { align: 'center' });
  // The number is what people read across the waiting room: as large as the roll allows.
  const big = width === 80 ? { width: 4, height: 4 } : { width: 3, height: 3 };
  text(data.number, { align: 'center', bold: true, size: big });
  text(`${labels.stage}: ${pick(data.stageName)}`, { align: 'center', bold: true });
  text(formatLocalDateTime(data.localDate, data.localTime, data.lang), { align: 'center' });
  rule();
  pair(labels.peopleAhead, String(data.peopleAhead));
  pair(labels.estimatedWait, formatWait(data.estimatedWaitMinutes, labels));
  if (data.bookedWindow) pair(labels.bookedWindow, `${data.bookedWindow.start}-${data.bookedWindow.end}`);
  if (data.checklist.length > 0) {
    rule();
    text(`${labels.checklist}:`, { bold: true });
    for (const item of data.checklist) text(`- ${pick(item)}`, { indent: '  ' });
  }
  rule();
  blocks.push({ kind: 'qr', payload: data.trackingUrl, moduleSize: width === 80 ? 6 : 5 });
  text(labels.scanToTrack, { align: 'center' });
  if (data.maskedName !== null) text(`${labels.name}: ${data.maskedName}`, { align: 'center' });
  if (data.note !== null) {
    blocks.push({ kind: 'feed', lines: 1 });
    text(pick(data.note), { align: 'center', bold: true });
  }
  blocks.push({ kind: 'feed', lines: 1 });
  text(labels.waitCall, { align: 'center' });
  if (data.reprint) reprintMark();
  blocks.push({ kind: 'cut' });
  return { width, columns, codepage, blocks };
}
