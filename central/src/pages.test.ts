import { describe, expect, it } from 'vitest';
import { csvField } from './csv.ts';
import { formatInZone } from './i18n.ts';
import { esc } from './pages.ts';

describe('output escaping', () => {
  it('escapes HTML', () => {
    expect(esc(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('quotes CSV fields and defuses formulas', () => {
    expect([
      csvField('Kanwil Bali'),
      csvField('a,b'),
      csvField('say "hi"'),
      csvField('=1+1'),
      csvField(-5),
      csvField(null),
    ]).toEqual(['Kanwil Bali', '"a,b"', '"say ""hi"""', "'=1+1", '-5', '']);
  });
});

describe('formatInZone', () => {
  it("shows an instant in the office's own zone, with its Indonesian zone name", () => {
    const at = new Date('2026-11-28T01:15:00Z');
    expect(formatInZone(at, 'Asia/Makassar', 'id')).toBe('28 November 2026 09:15 WITA');
    expect(formatInZone(at, 'Asia/Jakarta', 'en')).toBe('28 November 2026 08:15 WIB');
    expect(formatInZone(at, 'Asia/Jayapura', 'id')).toBe('28 November 2026 10:15 WIT');
    expect(formatInZone(null, 'Asia/Jakarta', 'id')).toBe('belum pernah');
  });
});
