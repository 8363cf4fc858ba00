// Keyboard-wedge scanner detection. Runs in the kiosk renderer (a browser sandbox): no Node imports.
// Imported as `@giliran/hardware/wedge`.

/** One key press as the renderer saw it: `KeyboardEvent.key` and `event.timeStamp` (ms). */
export interface WedgeKey {
  key: string;
  timeMs: number;
}

export type WedgeResult =
  /** A scanner burst: the code, without its terminator. */
  | { kind: 'scan'; data: string; terminator: 'Enter' | 'Tab' | null; startMs: number; endMs: number }
  /** Keys a person typed, in order (terminators included), to hand back to the focused field. */
  | { kind: 'typed'; keys: string[] };

export interface WedgeOptions {
  /** A burst needs at least this many characters; shorter fast runs are people. Default 6. */
  minLength?: number;
  /** Longest gap between keys inside a burst. Scanners send a key every 1–20 ms. Default 35. */
  maxGapMs?: number;
  /** With no terminator, a burst ends after this much quiet. Default 80. */
  idleMs?: number;
}

/**
 * Tells scanner bursts from human typing by timing. Feed every key with `feed`; call `poll`
 * from a timer (every ~50 ms) so bursts without a terminator are flushed. Both return what they
 * decided, in order. Pure: time is a parameter, there are no timers inside.
 *
 * Keys are held until classified, so the renderer should `preventDefault()` and replay
 * `typed` keys itself; a person's key is held for about `maxGapMs` (until the next `poll`).
 */
export class KeyboardWedgeDetector {
  private readonly minLength: number;
  private readonly maxGapMs: number;
  private readonly idleMs: number;
  private buffer: WedgeKey[] = [];

  constructor(options: WedgeOptions = {}) {
    this.minLength = options.minLength ?? 6;
    this.maxGapMs = options.maxGapMs ?? 35;
    this.idleMs = options.idleMs ?? 80;
  }

  feed(event: WedgeKey): WedgeResult[] {
    const out: WedgeResult[] = [];
    const isTerminator = event.key === 'Enter' || event.key === 'Tab';
    // Shift, Alt, arrows…: scanners emit Shift around capitals; they carry no character.
    if (!isTerminator && [...event.key].length !== 1) return out;

    const last = this.buffer[this.buffer.length - 1];
    if (last && event.timeMs - last.timeMs > this.maxGapMs) this.flushInto(out, null);

    if (isTerminator) {
      const prev = this.buffer[this.buffer.length - 1];
      const fast = prev !== undefined && event.timeMs - prev.timeMs <= this.maxGapMs;
      if (fast && this.isBurst()) {
        out.push(this.scan(event.key as 'Enter' | 'Tab', event.timeMs));
      } else {
        this.flushInto(out, null);
        out.push({ kind: 'typed', keys: [event.key] });
      }
      return mergeTyped(out);
    }
    this.buffer.push(event);
    return mergeTyped(out);
  }

  /** Flushes a burst that has gone quiet (no terminator), or typing that has paused. */
  poll(nowMs: number): WedgeResult[] {
    const last = this.buffer[this.buffer.length - 1];
    if (!last) return [];
    // A complete-looking burst waits `idleMs` for a terminator; anything else is typing once the
    // gap is too long for a scanner.
    const quietNeeded = this.isBurst() ? Math.max(this.idleMs, this.maxGapMs) : this.maxGapMs;
    if (nowMs - last.timeMs <= quietNeeded) return [];
    const out: WedgeResult[] = [];
    this.flushInto(out, null);
    return out;
  }

  /** True while keys are held back waiting for classification. */
  get pending(): boolean {
    return this.buffer.length > 0;
  }

  private isBurst(): boolean {
    if (this.buffer.length < this.minLength) return false;
    for (let k = 1; k < this.buffer.length; k++) {
      const a = this.buffer[k - 1];
      const b = this.buffer[k];
      if (!a || !b || b.timeMs - a.timeMs > this.maxGapMs) return false;
    }
    return true;
  }

  private scan(terminator: 'Enter' | 'Tab' | null, endMs: number): WedgeResult {
    const result: WedgeResult = {
      kind: 'scan',
      data: this.buffer.map((k) => k.key).join(''),
      terminator,
      startMs: this.buffer[0]?.timeMs ?? endMs,
      endMs,
    };
    this.buffer = [];
    return result;
  }

  private flushInto(out: WedgeResult[], terminator: 'Enter' | 'Tab' | null): void {
    if (this.buffer.length === 0) return;
    if (this.isBurst()) {
      out.push(this.scan(terminator, this.buffer[this.buffer.length - 1]?.timeMs ?? 0));
    } else {
      out.push({ kind: 'typed', keys: this.buffer.map((k) => k.key) });
      this.buffer = [];
    }
  }
}

function mergeTyped(results: WedgeResult[]): WedgeResult[] {
  const out: WedgeResult[] = [];
  for (const r of results) {
    const prev = out[out.length - 1];
    if (r.kind === 'typed' && prev?.kind === 'typed') prev.keys.push(...r.keys);
    else out.push(r);
  }
  return out;
}
