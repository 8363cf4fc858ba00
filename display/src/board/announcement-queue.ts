/**
 * The board's announcement queue: every call is spoken, strictly one at a time, in the order the
 * calls arrived. Nothing is deduplicated (a recall is a new call and is spoken again), and a failing
 * or hanging `speak` does not stop the queue. Pure: speech, chime and timers are injected.
 */

export type Speak = (text: string) => Promise<void>;

export interface AnnouncementStatus {
  /** Announcements waiting behind the one being spoken. */
  pending: number;
  /** Text being spoken now, or null when idle. */
  speaking: string | null;
  /** Last text whose speaking started. */
  lastSpoken: string | null;
  /** How many announcements finished (spoken or failed). */
  finished: number;
  failures: number;
  /** Every text enqueued so far, oldest first (bounded), for diagnostics and tests. */
  history: string[];
}

export interface AnnouncementQueueOptions {
  speak: Speak;
  /** Called after every change of status. */
  onChange?: (status: AnnouncementStatus) => void;
  /** Called when one announcement fails; the queue continues with the next. */
  onError?: (error: unknown, text: string) => void;
  /** A `speak` that neither resolves nor rejects in this time counts as failed (speech engines hang). */
  timeoutMs?: number;
  historyLimit?: number;
}

export class AnnouncementQueue {
  readonly #speak: Speak;
  readonly #onChange: ((s: AnnouncementStatus) => void) | undefined;
  readonly #onError: ((e: unknown, text: string) => void) | undefined;
  readonly #timeoutMs: number;
  readonly #historyLimit: number;
  readonly #waiting: string[] = [];
  #speaking: string | null = null;
  #lastSpoken: string | null = null;
  #finished = 0;
  #failures = 0;
  #history: string[] = [];
  #idleWaiters: (() => void)[] = [];

  constructor(opts: AnnouncementQueueOptions) {
    this.#speak = opts.speak;
    this.#onChange = opts.onChange;
    this.#onError = opts.onError;
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
    this.#historyLimit = opts.historyLimit ?? 50;
  }

  enqueue(text: string): void {
    this.#waiting.push(text);
    this.#history = [...this.#history, text].slice(-this.#historyLimit);
    this.#notify();
    if (this.#speaking === null) void this.#drain();
  }

  status(): AnnouncementStatus {
    return {
      pending: this.#waiting.length,
      speaking: this.#speaking,
      lastSpoken: this.#lastSpoken,
      finished: this.#finished,
      failures: this.#failures,
      history: this.#history,
    };
  }

  /** Resolves once nothing is being spoken and nothing waits. */
  idle(): Promise<void> {
    if (this.#speaking === null && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #drain(): Promise<void> {
    for (let text = this.#waiting.shift(); text !== undefined; text = this.#waiting.shift()) {
      this.#speaking = text;
      this.#lastSpoken = text;
      this.#notify();
      try {
        await this.#withTimeout(text);
      } catch (error) {
        this.#failures += 1;
        this.#onError?.(error, text);
      }
      this.#finished += 1;
      this.#speaking = null;
      this.#notify();
    }
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }

  #withTimeout(text: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`announcement timed out after ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      let started: Promise<void>;
      try {
        started = this.#speak(text);
      } catch (error) {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      started.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  #notify(): void {
    this.#onChange?.(this.status());
  }
}
