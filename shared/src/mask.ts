/**
 * Personal data as a kiosk screen or a printed ticket may show it: enough for an applicant to see
 * that it is them, too little for a bystander to learn who they are. (The NIK mask is `maskNik` in
 * nik.ts.)
 */

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Control characters and bidi overrides would garble or reorder a masked name on screen or paper. */
const INVISIBLE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** User-perceived characters: an emoji with its modifiers, a letter with its marks, an Indic conjunct. */
function split(word: string): string[] {
  return Array.from(graphemes.segment(word), (s) => s.segment);
}

const MASK = '***';

/**
 * The masked holder name. The rule, word by word:
 * - short leading words of at most 2 characters (`I`, `Ni`, `AA`: Balinese and other particles)
 *   are kept, and so is the first longer word (the name people are called by), when words follow it;
 * - every later word keeps its first character only: `W***`;
 * - a name is never shown whole: when the first longer word is also the last, it keeps at most
 *   3 characters and at most half of them (`Sukarno` → `Suk***`, `I Ketut` → `I Ket***`).
 * Characters are graphemes, so an emoji, a letter with combining marks or an Indic conjunct is
 * never split.
 *
 * Examples: `Nyoman Wirawan Adi` → `Nyoman W*** A***`; `I Ketut Wirawan` → `I Ketut W***`;
 * `Siti Rahmawati` → `Siti R***`.
 */
export function maskName(fullName: string): string {
  const words = fullName.replace(INVISIBLE, '').trim().split(/\s+/u).filter(Boolean).map(split);
  if (words.length === 0) return '';
  const found = words.findIndex((w) => w.length > 2);
  const called = found === -1 ? words.length - 1 : found;
  return words
    .map((w, i) => {
      if (i < called) return w.join('');
      if (i > called) return w[0] + MASK;
      if (i < words.length - 1) return w.join('');
      return w.slice(0, Math.min(3, Math.ceil(w.length / 2))).join('') + MASK;
    })
    .join(' ');
}

/**
 * The day and month of a birth date (`1990-08-05` → `08-05`), never the year: with the masked
 * name it tells an applicant "this is me" without telling others their age. Null when unknown or
 * erased.
 */
export function birthDayMonth(birthDate: string): string | null {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(birthDate);
  return m ? `${m[1]}-${m[2]}` : null;
}
