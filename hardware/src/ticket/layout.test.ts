import { describe, expect, it } from 'vitest';
import { sampleTicket } from '../test-support/fixtures.ts';
import { formatLocalDateTime, formatWait, LABELS } from './labels.ts';
import { COLUMNS, layoutTicket } from './layout.ts';
import type { LayoutBlock } from './layout.ts';

const texts = (blocks: LayoutBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('layoutTicket', () => {
  for (const width of [58, 80] as const) {
    it(`never exceeds the ${width} mm line at any size`, () => {
      const layout = layoutTicket(sampleTicket({ reprint: true, note: { id: 'x '.repeat(60), en: '' } }), {
        width,
      });
      for (const b of layout.blocks) {
        if (b.kind === 'text') expect(b.text.length * b.size.width).toBeLessThanOrEqual(COLUMNS[width]);
      }
    });
  }

  it('prints the number largest of all', () => {
    const layout = layoutTicket(sampleTicket(), { width: 80 });
    const sizes = layout.blocks.flatMap((b) => (b.kind === 'text' ? [b.size.width * b.size.height] : []));
    const number = layout.blocks.find((b) => b.kind === 'text' && b.text === 'A012');
    expect(number).toMatchObject({ bold: true, align: 'center', size: { width: 4, height: 4 } });
    expect(Math.max(...sizes)).toBe(16);
  });

  it('uses Indonesian labels by default and English on request', () => {
    const id = texts(layoutTicket(sampleTicket(), { width: 80 }).blocks).join('\n');
    expect(id).toContain('Orang di depan Anda');
    expect(id).toContain('Perkiraan waktu tunggu');
    expect(id).toContain('Dokumen yang harus disiapkan:');
    expect(id).toContain('14 Maret 2025, 09:41');
    const en = texts(layoutTicket(sampleTicket({ lang: 'en' }), { width: 80 }).blocks).join('\n');
    expect(en).toContain('People ahead of you');
    expect(en).toContain('Estimated wait');
    expect(en).toContain('Documents to have ready:');
    expect(en).toContain('Original family card (KK)');
    expect(en).not.toContain('Orang di depan');
  });

  it('marks reprints at top and bottom, and only reprints', () => {
    const marks = (reprint: boolean): number =>
      texts(layoutTicket(sampleTicket({ reprint }), { width: 58 }).blocks).filter(
        (t) => t === 'CETAK ULANG / REPRINT',
      ).length;
    expect(marks(true)).toBe(2);
    expect(marks(false)).toBe(0);
  });

  it('leaves out the booked window, name and checklist when absent', () => {
    const t = texts(
      layoutTicket(sampleTicket({ bookedWindow: null, maskedName: null, checklist: [] }), { width: 80 })
        .blocks,
    ).join('\n');
    expect(t).not.toContain('Jadwal kedatangan');
    expect(t).not.toContain('Atas nama');
    expect(t).not.toContain('Dokumen');
  });

  it('ends with the QR code then a cut', () => {
    const { blocks } = layoutTicket(sampleTicket(), { width: 58 });
    expect(blocks.filter((b) => b.kind === 'qr')).toEqual([
      { kind: 'qr', payload: 'https://antre.imigrasi.example.id/t/7f3k9q2mxa', moduleSize: 5 },
    ]);
    expect(blocks[blocks.length - 1]).toEqual({ kind: 'cut' });
  });
});

describe('labels', () => {
  it('formats waits in both languages', () => {
    expect(formatWait(0, LABELS.id)).toBe('< 1 menit');
    expect(formatWait(25, LABELS.id)).toBe('± 25 menit');
    expect(formatWait(85, LABELS.id)).toBe('± 1 jam 25 menit');
    expect(formatWait(120, LABELS.en)).toBe('about 2 h');
  });
  it('prints an unparsable date as given', () => {
    expect(formatLocalDateTime('kemarin', '09:00', 'id')).toBe('kemarin 09:00');
    expect(formatLocalDateTime('2025-12-01', '16:05', 'en')).toBe('1 December 2025, 16:05');
  });
});
