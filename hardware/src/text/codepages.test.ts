import { describe, expect, it } from 'vitest';
import { codepageForEscT, toPrintable } from './codepages.ts';
import { wrapText } from './wrap.ts';

describe('toPrintable', () => {
  it('keeps what cp858 has', () => {
    expect(toPrintable('Pengajuan é à ü ñ ç ± €')).toBe('Pengajuan é à ü ñ ç ± €');
  });
  it('strips accents cp858 lacks and maps typography predictably', () => {
    expect(toPrintable('Gdańsk Şahin Łódź őz – “ok”…')).toBe('Gdansk Sahin Lódz oz - "ok"...');
  });
  it('turns unmappable characters into ? and drops control characters', () => {
    expect(toPrintable('名前\u001b@x')).toBe('??@x');
  });
  it('depends on the code page: cp437 has no €', () => {
    expect(toPrintable('€ é', 'cp437')).toBe('EUR é');
  });
  it('knows the ESC t numbers both ways', () => {
    expect(codepageForEscT(19)).toBe('cp858');
    expect(codepageForEscT(16)).toBe('windows1252');
    expect(codepageForEscT(99)).toBeUndefined();
  });
});

describe('wrapText', () => {
  it('wraps on words with a hanging indent', () => {
    expect(wrapText('- KTP asli dan fotokopi pada kertas A4', 16, '  ')).toEqual([
      '- KTP asli dan',
      '  fotokopi pada',
      '  kertas A4',
    ]);
  });
  it('breaks words longer than a line', () => {
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('returns one empty line for empty text', () => {
    expect(wrapText('   ', 10)).toEqual(['']);
  });
});
