import type { RateLimit } from '@giliran/shared';

/**
 * The one rate-limit mechanism: at most `limit.max` events per key within any `limit.perSeconds`
 * (a sliding window). Used for look-ups, tickets and staff calls per device, and for wrong
 * passwords and pairing codes per user, address and office. Memory is bounded: keys idle for a
 * whole window are dropped, and past `maxKeys` the least recently used key goes.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly windowMs: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = 10_000,
  ) {
    this.windowMs = limit.perSeconds * 1000;
  }

  /** Milliseconds until `key` may act again; 0 when it may now. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit.max) return 0;
    return (recent[recent.length - this.limit.max] as number) + this.windowMs - now;
  }

  /** Counts an event for `key` (e.g. a wrong password), whether or not it was over the limit. */
  record(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    // Only the last `max` events decide when the key may act again.
    if (recent.length > this.limit.max) recent.splice(0, recent.length - this.limit.max);
    this.hits.delete(key); // re-inserted last: Map order is the LRU order
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value as string);
  }

  /** Counts an event if `key` is within its limit; false (and nothing counted) when it is not. */
  take(key: string, now: number): boolean {
    if (this.retryAfterMs(key, now) > 0) return false;
    this.record(key, now);
    return true;
  }

  /** True when `key` has no event in the window. */
  isClear(key: string, now: number): boolean {
    return this.recent(key, now).length === 0;
  }

  /** Takes back one event counted at `at` (an attempt counted in advance that turned out fine). */
  unrecord(key: string, at: number): void {
    const all = this.hits.get(key);
    const i = all?.lastIndexOf(at) ?? -1;
    if (all && i >= 0) all.splice(i, 1);
  }

  forget(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const all = this.hits.get(key);
    if (!all) return [];
    const recent = all.filter((t) => now - t < this.windowMs);
    if (!recent.length) this.hits.delete(key);
    else if (recent.length !== all.length) this.hits.set(key, recent);
    return recent;
  }
}

/** Seconds to tell a refused client (Retry-After), at least 1. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
