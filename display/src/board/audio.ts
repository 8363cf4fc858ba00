import { planClips, type VoiceManifest } from './voice-clips.ts';

/**
 * Sound for the board and the phone page, all offline: a WebAudio chime, the browser's own speech
 * engine when it has an Indonesian voice, else the pre-recorded clips of `public/voice/`.
 */

let context: AudioContext | null = null;

export function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/** True when the browser's autoplay policy holds sound back until someone taps the screen. */
export function audioBlocked(): boolean {
  return audioContext()?.state === 'suspended';
}

/** Call from a tap or key press: browsers allow sound after a user gesture. */
export async function unlockAudio(): Promise<boolean> {
  const ctx = audioContext();
  if (!ctx) return false;
  if (ctx.state === 'suspended') await ctx.resume();
  return ctx.state === 'running';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A two-tone "ding-dong" (≈1.2 s). Resolves when it has finished (or at once without audio). */
export async function playChime(): Promise<void> {
  const ctx = audioContext();
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime + 0.05;
  const tone = (freq: number, at: number, length: number) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + length + 0.05);
  };
  tone(880, start, 0.6);
  tone(659.25, start + 0.5, 0.8);
  await sleep(1_400);
}

/** A short, insistent beep for the phone page's "you are called" alert. */
export async function playAlertBeep(): Promise<void> {
  const ctx = audioContext();
  if (!ctx || ctx.state !== 'running') return;
  const t = ctx.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = 988;
    gain.gain.setValueAtTime(0.2, t + i * 0.3);
    gain.gain.setValueAtTime(0.0001, t + i * 0.3 + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t + i * 0.3);
    osc.stop(t + i * 0.3 + 0.2);
  }
  await sleep(1_000);
}

// ─── Speech ───────────────────────────────────────────────────────────────────────────────────────

export type VoiceMode = 'speech' | 'clips' | 'text';

export function indonesianVoice(): SpeechSynthesisVoice | null {
  if (typeof window.speechSynthesis === 'undefined') return null;
  const voices = window.speechSynthesis.getVoices();
  const isId = (v: SpeechSynthesisVoice) => v.lang.toLowerCase().replace('_', '-').startsWith('id');
  // A local (offline) voice first: a cloud voice would need the internet and leak nothing but fail.
  return voices.find((v) => isId(v) && v.localService) ?? null;
}

function speakWithSynthesis(text: string, voice: SpeechSynthesisVoice): Promise<void> {
  return new Promise((resolve, reject) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9;
    u.onend = () => resolve();
    u.onerror = (e) => reject(new Error(`speech failed: ${e.error}`));
    window.speechSynthesis.speak(u);
  });
}

/** Plays the espeak-ng clips of `public/voice/` back to back, trimmed of their silences. */
export class ClipPlayer {
  #manifest: VoiceManifest | null = null;
  readonly #buffers = new Map<string, Promise<AudioBuffer>>();
  constructor(readonly baseUrl = '/voice/') {}

  /** Loads the manifest; true when clips exist. */
  async load(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl}manifest.json`);
      if (!res.ok) return false;
      this.#manifest = (await res.json()) as VoiceManifest;
    } catch {
      return false;
    }
    return this.available();
  }

  available(): boolean {
    return this.#manifest !== null && Object.keys(this.#manifest.clips).length > 0;
  }

  #buffer(ctx: AudioContext, file: string): Promise<AudioBuffer> {
    let b = this.#buffers.get(file);
    if (!b) {
      b = fetch(`${this.baseUrl}${file}`)
        .then((r) => {
          if (!r.ok) throw new Error(`voice clip ${file}: HTTP ${r.status}`);
          return r.arrayBuffer();
        })
        .then((data) => ctx.decodeAudioData(data));
      b.catch(() => this.#buffers.delete(file));
      this.#buffers.set(file, b);
    }
    return b;
  }

  async speak(text: string): Promise<void> {
    const ctx = audioContext();
    if (!ctx || !this.#manifest) throw new Error('no audio');
    // Held back by the autoplay policy: scheduling now would play every call at once after a tap.
    if (ctx.state !== 'running') throw new Error('sound is blocked until someone taps the screen');
    const files = planClips(text, this.#manifest.clips);
    const buffers = await Promise.all(files.map((f) => this.#buffer(ctx, f)));
    let at = ctx.currentTime + 0.1;
    for (const buffer of buffers) {
      const { start, end } = audibleRange(buffer);
      const src = ctx.createBufferSource();
      src.buffer = buffer;
      src.connect(ctx.destination);
      src.start(at, start, end - start);
      at += end - start + 0.08;
    }
    await sleep((at - ctx.currentTime) * 1000);
  }
}

/** Seconds of `buffer` between the first and last sample above the noise floor. */
function audibleRange(buffer: AudioBuffer): { start: number; end: number } {
  const data = buffer.getChannelData(0);
  const threshold = 0.02;
  let first = 0;
  while (first < data.length && Math.abs(data[first] ?? 0) < threshold) first++;
  let last = data.length - 1;
  while (last > first && Math.abs(data[last] ?? 0) < threshold) last--;
  if (last <= first) return { start: 0, end: buffer.duration };
  const pad = 0.03 * buffer.sampleRate;
  return {
    start: Math.max(0, first - pad) / buffer.sampleRate,
    end: Math.min(data.length, last + pad) / buffer.sampleRate,
  };
}

/**
 * Chooses how to say an announcement at the moment it is said: built-in Indonesian speech, else
 * recorded clips, else nothing (the board shows the text and says so).
 */
export class BoardVoice {
  readonly clips = new ClipPlayer();
  #clipsReady = false;
  constructor(private readonly onModeChange: (mode: VoiceMode) => void) {}

  async init(): Promise<void> {
    if (typeof window.speechSynthesis !== 'undefined') {
      window.speechSynthesis.addEventListener('voiceschanged', () => this.onModeChange(this.mode()));
    }
    this.#clipsReady = await this.clips.load();
    this.onModeChange(this.mode());
  }

  mode(): VoiceMode {
    if (indonesianVoice()) return 'speech';
    if (this.#clipsReady && audioContext()) return 'clips';
    return 'text';
  }

  async speak(text: string): Promise<void> {
    const voice = indonesianVoice();
    if (voice) return speakWithSynthesis(text, voice);
    if (this.#clipsReady) return this.clips.speak(text);
    // Text only: hold the queue briefly so each call gets its moment on screen.
    await sleep(1_500);
  }
}
