/** Timers, injected so the backoff is tested without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface RecoveryOptions {
  /** First reload delay; doubles per failure up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A window that stayed healthy this long starts again from `baseDelayMs`. */
  stableAfterMs: number;
  /** How long an unresponsive page may hang before it is reloaded. */
  hangGraceMs: number;
}

export const DEFAULT_RECOVERY: RecoveryOptions = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  stableAfterMs: 5 * 60_000,
  hangGraceMs: 10_000,
};

/**
 * Keeps the kiosk page alive: a crashed renderer (`render-process-gone`) or a page hung longer than
 * the grace period is reloaded after 1 s, 2 s, 4 s … (capped), so a crash loop cannot spin the CPU
 * and a one-off crash recovers at once. An applicant never faces a dead screen for long.
 */
export class CrashRecovery {
  private failures = 0;
  private lastFailureAt = 0;
  private pending: unknown = null;
  private hang: unknown = null;

  constructor(
    private readonly reload: (reason: string) => void,
    private readonly timers: Timers,
    private readonly opts: RecoveryOptions = DEFAULT_RECOVERY,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Delay before the next reload, given the failures so far. */
  nextDelay(): number {
    return Math.min(this.opts.baseDelayMs * 2 ** this.failures, this.opts.maxDelayMs);
  }

  renderProcessGone(reason: string): void {
    // A clean exit is how Electron closes a window: nothing to recover.
    if (reason === 'clean-exit') return;
    this.schedule(`render process gone (${reason})`);
  }

  unresponsive(): void {
    if (this.hang !== null) return;
    this.hang = this.timers.setTimeout(() => {
      this.hang = null;
      this.schedule('page unresponsive');
    }, this.opts.hangGraceMs);
  }

  responsive(): void {
    if (this.hang !== null) this.timers.clearTimeout(this.hang);
    this.hang = null;
  }

  private schedule(why: string): void {
    if (this.pending !== null) return;
    const now = this.timers.now();
    if (this.failures > 0 && now - this.lastFailureAt > this.opts.stableAfterMs) this.failures = 0;
    const delay = this.nextDelay();
    this.failures += 1;
    this.lastFailureAt = now;
    this.log(`kiosk: ${why}; reloading in ${delay} ms (failure ${this.failures})`);
    this.pending = this.timers.setTimeout(() => {
      this.pending = null;
      this.reload(why);
    }, delay);
  }

  dispose(): void {
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    if (this.hang !== null) this.timers.clearTimeout(this.hang);
    this.pending = this.hang = null;
  }
}
