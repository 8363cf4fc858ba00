/**
 * Records the board's offline voice clips with espeak-ng (Indonesian voice) into public/voice/,
 * with a manifest the board reads. Runs before `vite build`; no network, no cloud speech.
 *
 *   npx tsx display/scripts/generate-voice-clips.ts [--out dir]
 *
 * Without espeak-ng it writes an empty manifest and says so: the board then shows text only.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VOICE_VOCABULARY, type VoiceManifest } from '../src/board/voice-clips.ts';

const outArg = process.argv.indexOf('--out');
const outDir = resolve(
  outArg >= 0 && process.argv[outArg + 1]
    ? process.argv[outArg + 1]!
    : join(import.meta.dirname, '../public/voice'),
);

function hasEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const manifest: VoiceManifest = { voice: 'espeak-ng id', clips: {} };
if (hasEspeak()) {
  for (const clip of VOICE_VOCABULARY) {
    // -s words per minute: slower than default for a noisy waiting room; -g small gap between words.
    execFileSync('espeak-ng', ['-v', 'id', '-s', '135', '-g', '2', '-w', join(outDir, clip.file), clip.say], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    manifest.clips[clip.key] = clip.file;
  }
  console.log(`voice clips: ${VOICE_VOCABULARY.length} written to ${outDir}`);
} else {
  manifest.voice = 'none';
  console.warn('voice clips: espeak-ng not found (apt-get install espeak-ng); boards without an');
  console.warn('Indonesian speech voice will show calls as text only.');
}
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
