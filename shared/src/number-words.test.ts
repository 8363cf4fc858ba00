import { describe, expect, it } from 'vitest';
import { callAnnouncement, numberToIndonesianWords, spokenTicketNumber } from './number-words.ts';

describe('numberToIndonesianWords', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [7, 'tujuh'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [15, 'lima belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [45, 'empat puluh lima'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [112, 'seratus dua belas'],
    [120, 'seratus dua puluh'],
    [200, 'dua ratus'],
    [305, 'tiga ratus lima'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1011, 'seribu sebelas'],
    [1100, 'seribu seratus'],
    [1999, 'seribu sembilan ratus sembilan puluh sembilan'],
    [2000, 'dua ribu'],
    [2024, 'dua ribu dua puluh empat'],
    [7010, 'tujuh ribu sepuluh'],
    [9999, 'sembilan ribu sembilan ratus sembilan puluh sembilan'],
  ])('%i → %s', (n, words) => {
    expect(numberToIndonesianWords(n)).toBe(words);
  });

  it.each([-1, 10_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (n) => {
    expect(() => numberToIndonesianWords(n)).toThrow(RangeError);
  });

  describe('exhaustively over 0–9999', () => {
    const all = Array.from({ length: 10_000 }, (_, n) => numberToIndonesianWords(n));

    it('gives every number distinct words', () => {
      expect(new Set(all).size).toBe(10_000);
    });

    it('never says "satu ratus", "satu ribu", "satu puluh", "satu belas" or "nol" inside a number', () => {
      all.forEach((w, n) => {
        expect(w, String(n)).not.toMatch(/\bsatu (ratus|ribu|puluh|belas)\b/);
        if (n > 0) expect(w, String(n)).not.toMatch(/\bnol\b/);
      });
    });

    it('uses only Indonesian number words, single-spaced', () => {
      const vocabulary = new Set(
        'nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh seratus ratus seribu ribu'.split(
          ' ',
        ),
      );
      all.forEach((w, n) => {
        expect(w, String(n)).toBe(w.trim());
        for (const word of w.split(' ')) expect(vocabulary.has(word), `${n}: "${word}"`).toBe(true);
      });
    });

    it('starts with the thousands and hundreds it names (spot check of structure)', () => {
      for (let n = 100; n < 10_000; n += 37) {
        const w = numberToIndonesianWords(n);
        const thousands = Math.floor(n / 1000);
        const hundreds = Math.floor((n % 1000) / 100);
        if (thousands === 1) expect(w.startsWith('seribu')).toBe(true);
        if (thousands > 1) expect(w.startsWith(`${numberToIndonesianWords(thousands)} ribu`)).toBe(true);
        if (hundreds === 1) expect(w).toContain('seratus');
        if (hundreds > 1) expect(w).toContain(`${numberToIndonesianWords(hundreds)} ratus`);
      }
    });
  });
});

describe('spokenTicketNumber', () => {
  it.each([
    ['A012', 'A dua belas'],
    ['A001', 'A satu'],
    ['B100', 'B seratus'],
    ['F111', 'F seratus sebelas'],
    ['AB7', 'A B tujuh'],
  ])('%s → %s', (number, spoken) => {
    expect(spokenTicketNumber(number)).toBe(spoken);
  });

  it('leaves something that is not a ticket number as it is', () => {
    expect(spokenTicketNumber('loket')).toBe('loket');
  });
});

describe('callAnnouncement', () => {
  it('announces one number and its counter', () => {
    expect(callAnnouncement(['A012'], 3)).toBe('Nomor antrean A dua belas, silakan menuju loket tiga');
  });

  it('announces a family group by its first and last number', () => {
    expect(callAnnouncement(['A012', 'A013', 'A014'], 11)).toBe(
      'Nomor antrean A dua belas sampai A empat belas, silakan menuju loket sebelas',
    );
  });

  it('drops leading zeros and says counters above ten in words', () => {
    expect(callAnnouncement(['C007'], 10)).toBe('Nomor antrean C tujuh, silakan menuju loket sepuluh');
    expect(callAnnouncement(['E120'], 21)).toBe(
      'Nomor antrean E seratus dua puluh, silakan menuju loket dua puluh satu',
    );
  });
});
