import { describe, expect, it } from 'vitest';
import { birthDayMonth, maskName } from './mask.ts';
import { formatDayMonth } from './time.ts';

describe('maskName', () => {
  it.each([
    ['Nyoman Wirawan Adi', 'Nyoman W*** A***'],
    ['NYOMAN WIRAWAN ADI', 'NYOMAN W*** A***'],
    ['I Ketut  Wirawan', 'I Ketut W***'],
    ['Ni Luh Putu Ayu Sri Wahyuni', 'Ni Luh P*** A*** S*** W***'],
    ['I Gusti Ngurah Rai', 'I Gusti N*** R***'],
    ['Siti Rahmawati', 'Siti R***'],
    ['  Made   Sudarsana  ', 'Made S***'],
  ])('keeps particles and the called name, initials after: %s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['Sukarno', 'Suk***'],
    ['Ayu', 'Ay***'],
    ['Li', 'L***'],
    ['I Ketut', 'I Ket***'],
    ['Ni Lu', 'Ni L***'],
    ['', ''],
    ['   ', ''],
  ])('never shows a whole name: %s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never splits an emoji sequence, a flag or a skin-tone modifier', () => {
    expect(maskName('Wayan 👨‍👩‍👧Putra')).toBe('Wayan 👨‍👩‍👧***');
    expect(maskName('Kadek 🇮🇩Bali Jaya')).toBe('Kadek 🇮🇩*** J***');
    expect(maskName('Komang 👍🏽Sari')).toBe('Komang 👍🏽***');
    expect(maskName('👩‍🦰👩‍🦰👩‍🦰👩‍🦰')).toBe('👩‍🦰👩‍🦰***');
  });

  it('keeps a letter with its combining marks together', () => {
    // N + COMBINING TILDE, and Vietnamese ặ written as a + two combining marks.
    expect(maskName('Nyoman N\u0303una')).toBe('Nyoman N\u0303***');
    expect(maskName('Putu A\u0323\u0306nh')).toBe('Putu A\u0323\u0306***');
  });

  it('masks non-Latin scripts by grapheme: Balinese, Devanagari conjuncts, Chinese, Arabic', () => {
    expect(maskName('ᬫᬤᬾ ᬯᬶᬭᬯᬦ᭄')).toBe('ᬫᬤᬾ ᬯᬶᬭ***'); // ᬯᬶ·ᬭ·ᬯ·ᬦ᭄: 2 of 4
    expect(maskName('राम स्तेफन कुमार')).toBe('राम स्तेफन कु***'); // रा·म is 2: a particle; कु is one
    expect(maskName('王小明')).toBe('王小***');
    expect(maskName('محمد عبد الله')).toBe('محمد ع*** ا***');
  });

  it('drops control characters and bidi overrides instead of showing them', () => {
    expect(maskName('Made\u202E Wirawan\u0007')).toBe('Made W***');
  });

  it('returns whole UTF-16 strings: no lone surrogate in any result', () => {
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const name of ['𝓐𝓭𝓲 𝓦𝓲𝓻𝓪𝔀𝓪𝓷', '😀 😀😀 😀😀😀', '𠜎𠜱𠝹 𠱓𠱸']) {
      expect(lone.test(maskName(name)), name).toBe(false);
    }
    expect(maskName('𝓐𝓭𝓲 𝓦𝓲𝓻𝓪𝔀𝓪𝓷')).toBe('𝓐𝓭𝓲 𝓦***');
  });
});

describe('birth day and month', () => {
  it('drops the year', () => {
    expect(birthDayMonth('1990-08-05')).toBe('08-05');
    expect(birthDayMonth('')).toBeNull();
    expect(birthDayMonth('05/08/1990')).toBeNull();
  });
  it('reads as a date without a year in both languages', () => {
    expect(formatDayMonth('08-05', 'id')).toBe('5 Agustus');
    expect(formatDayMonth('12-31', 'en')).toBe('31 December');
    expect(formatDayMonth('13-01', 'id')).toBe('13-01');
  });
});
