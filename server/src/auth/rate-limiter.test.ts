import { describe, expect, it } from 'vitest';
import { RateLimiter, retryAfterSeconds } from './rate-limiter.ts';

describe('RateLimiter (sliding window)', () => {
  it('allows max events per window, then says when the oldest leaves it', () => {
    const l = new RateLimiter({ max: 3, perSeconds: 60 });
    expect([l.take('k', 0), l.take('k', 10_000), l.take('k', 20_000), l.take('k', 30_000)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(l.retryAfterMs('k', 30_000)).toBe(30_000); // the event at 0 leaves at 60 000
    expect(l.take('other', 30_000)).toBe(true);
    expect(l.take('k', 59_999)).toBe(false);
    expect(l.take('k', 60_000)).toBe(true);
    expect(l.retryAfterMs('k', 60_000)).toBe(10_000);
  });

  it('counts recorded failures even while over the limit, so a storm keeps the key locked', () => {
    const l = new RateLimiter({ max: 2, perSeconds: 10 });
    l.record('ip', 0);
    l.record('ip', 1_000);
    l.record('ip', 9_000);
    expect(l.retryAfterMs('ip', 9_000)).toBe(2_000);
    expect(l.isClear('ip', 18_999)).toBe(false);
    expect(l.isClear('ip', 19_000)).toBe(true);
  });

  it('keeps memory bounded: idle keys go, and past maxKeys the least recently used', () => {
    const l = new RateLimiter({ max: 1, perSeconds: 1 }, 3);
    for (const k of ['a', 'b', 'c', 'd']) l.record(k, 0);
    expect(['a', 'b', 'c', 'd'].map((k) => l.isClear(k, 500))).toEqual([true, false, false, false]);
    expect(l.isClear('b', 1_000)).toBe(true);
  });

  it('rounds the wait up to whole seconds, at least one', () => {
    expect([retryAfterSeconds(1), retryAfterSeconds(1_000), retryAfterSeconds(1_001)]).toEqual([1, 1, 2]);
  });
});
