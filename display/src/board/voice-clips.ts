/**
 * Pre-recorded voice clips, the offline fallback when the machine has no Indonesian speech voice.
 * `scripts/generate-voice-clips.ts` records every phrase of `VOICE_VOCABULARY` with espeak-ng at
 * build time; `planClips` cuts an announcement into those phrases. Pure: no DOM here.
 */

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

export const NUMBER_WORDS = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
  'belas',
  'puluh',
  'seratus',
  'ratus',
  'seribu',
  'ribu',
] as const;

export const PHRASES = ['nomor antrean', 'silakan menuju loket', 'sampai'] as const;

export interface VoiceClip {
  /** The phrase as matched in a normalised announcement (lowercase, single spaces). */
  key: string;
  /** What espeak-ng is asked to say (a letter is said by its name). */
  say: string;
  file: string;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Every clip the board may need for "Nomor antrean A dua belas, silakan menuju loket tiga". */
export const VOICE_VOCABULARY: readonly VoiceClip[] = [
  ...PHRASES.map((p) => ({ key: p, say: p, file: `${slug(p)}.wav` })),
  ...LETTERS.map((l) => ({ key: l.toLowerCase(), say: l, file: `huruf-${l.toLowerCase()}.wav` })),
  ...NUMBER_WORDS.map((w) => ({ key: w, say: w, file: `angka-${w}.wav` })),
];

/** `public/voice/manifest.json`: phrase → file name (relative to the manifest). */
export interface VoiceManifest {
  voice: string;
  clips: Record<string, string>;
}

export function normalizeSpoken(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The clip files that say `text`, longest phrase first at each point. Throws when a word has no
 * clip, so the caller can fall back to showing the text.
 */
export function planClips(text: string, clips: Readonly<Record<string, string>>): string[] {
  const words = normalizeSpoken(text);
  const maxPhrase = Math.max(1, ...Object.keys(clips).map((k) => k.split(' ').length));
  const files: string[] = [];
  let i = 0;
  while (i < words.length) {
    let matched = false;
    for (let len = Math.min(maxPhrase, words.length - i); len >= 1; len--) {
      const file = clips[words.slice(i, i + len).join(' ')];
      if (file !== undefined) {
        files.push(file);
        i += len;
        matched = true;
        break;
      }
    }
    if (!matched) throw new Error(`no voice clip for "${words[i] ?? ''}"`);
  }
  return files;
}
