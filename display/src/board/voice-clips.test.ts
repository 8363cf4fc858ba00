import { describe, expect, it } from 'vitest';
import { callAnnouncement } from '@giliran/shared';
import { LETTERS, VOICE_VOCABULARY, normalizeSpoken, planClips } from './voice-clips.ts';

const clips = Object.fromEntries(VOICE_VOCABULARY.map((c) => [c.key, c.file]));

describe('planClips', () => {
  it('cuts an announcement into phrase, letter and number clips', () => {
    expect(planClips('Nomor antrean A dua belas, silakan menuju loket tiga', clips)).toEqual([
      'nomor-antrean.wav',
      'huruf-a.wav',
      'angka-dua.wav',
      'angka-belas.wav',
      'silakan-menuju-loket.wav',
      'angka-tiga.wav',
    ]);
  });

  it('says a family group with "sampai"', () => {
    expect(planClips(callAnnouncement(['B001', 'B003'], 8), clips)).toEqual([
      'nomor-antrean.wav',
      'huruf-b.wav',
      'angka-satu.wav',
      'sampai.wav',
      'huruf-b.wav',
      'angka-tiga.wav',
      'silakan-menuju-loket.wav',
      'angka-delapan.wav',
    ]);
  });

  it('refuses a word without a clip instead of skipping it', () => {
    expect(() => planClips('Nomor antrean A satu, mohon ke loket dua', clips)).toThrow(/"mohon"/);
  });

  it('covers every ticket 0–999 of every letter and counters 1–99', () => {
    for (const letter of LETTERS) {
      for (let n = 0; n <= 999; n += letter === 'A' ? 1 : 97) {
        const number = `${letter}${String(n).padStart(3, '0')}`;
        const counter = 1 + (n % 99);
        expect(() => planClips(callAnnouncement([number], counter), clips)).not.toThrow();
      }
    }
  });

  it('has unique keys and file names', () => {
    expect(new Set(VOICE_VOCABULARY.map((c) => c.key)).size).toBe(VOICE_VOCABULARY.length);
    expect(new Set(VOICE_VOCABULARY.map((c) => c.file)).size).toBe(VOICE_VOCABULARY.length);
  });

  it('normalises punctuation and case', () => {
    expect(normalizeSpoken('  Nomor antrean,  A!  ')).toEqual(['nomor', 'antrean', 'a']);
  });
});
