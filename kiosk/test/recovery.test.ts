import { describe, expect, it } from 'vitest';
import { CrashRecovery } from '../src/main/recovery.ts';
import { FakeTimers } from './fakes.ts';

const opts = { baseDelayMs: 1000, maxDelayMs: 8000, stableAfterMs: 60_000, hangGraceMs: 5000 };

function setup() {
  const timers = new FakeTimers();
  const reloads: string[] = [];
  const r = new CrashRecovery((why) => reloads.push(why), timers, opts);
  return { timers, reloads, r };
}

describe('crash recovery', () => {
  it('reloads a crashed renderer after 1 s, then backs off 2 s, 4 s, 8 s (capped)', () => {
    const { timers, reloads, r } = setup();
    const delays: number[] = [];
    for (let k = 0; k < 5; k++) {
      delays.push(r.nextDelay());
      r.renderProcessGone('crashed');
      timers.advance(delays[k]! - 1);
      expect(reloads).toHaveLength(k);
      timers.advance(1);
      expect(reloads).toHaveLength(k + 1);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('starts over from 1 s after a stable period', () => {
    const { timers, reloads, r } = setup();
    r.renderProcessGone('crashed');
    timers.advance(1000);
    r.renderProcessGone('oom');
    timers.advance(2000);
    expect(reloads).toHaveLength(2);
    timers.advance(120_000);
    r.renderProcessGone('crashed');
    timers.advance(1000);
    expect(reloads).toHaveLength(3);
  });

  it('ignores a clean exit and coalesces events while a reload is pending', () => {
    const { timers, reloads, r } = setup();
    r.renderProcessGone('clean-exit');
    expect(timers.pending).toBe(0);
    r.renderProcessGone('crashed');
    r.renderProcessGone('crashed');
    timers.advance(10_000);
    expect(reloads).toEqual(['render process gone (crashed)']);
  });

  it('reloads a page hung longer than the grace period, not one that recovers', () => {
    const { timers, reloads, r } = setup();
    r.unresponsive();
    timers.advance(4000);
    r.responsive();
    timers.advance(10_000);
    expect(reloads).toEqual([]);
    r.unresponsive();
    r.unresponsive();
    timers.advance(5000 + 1000);
    expect(reloads).toEqual(['page unresponsive']);
  });

  it('dispose cancels pending reloads', () => {
    const { timers, reloads, r } = setup();
    r.renderProcessGone('crashed');
    r.dispose();
    timers.advance(100_000);
    expect(reloads).toEqual([]);
  });
});
